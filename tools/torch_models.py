"""PyTorch twins of RobustLab's ModelZoo (RobustLab.Engine/Models/ModelZoo.cs).

Each module has exactly the parameter names of the C# Network.NamedState() (conv1.weight, fc1.bias, ...)
and the same forward order, so a state_dict moves between the two unchanged (conv OIHW, linear [out,in]).
Activation, pooling and dropout layers have no parameters; their module names follow ModelZoo anyway.
Inputs are pixels in [0,1] with no normalisation layer; forward returns logits.

    import torch_models
    net = torch_models.create("lenet-like", seed=0)
"""

import torch
import torch.nn as nn
import torch.nn.functional as F


class LeNetLike(nn.Module):
    """JumpReLU paper, LeNetLike (MNIST): conv1 → pool → relu → conv2 → pool → relu → flatten → dropout
    → fc1 → relu → fc2 → relu → fc3."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, 5)
        self.conv2 = nn.Conv2d(10, 20, 5)
        self.drop1 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(320, 120)
        self.fc2 = nn.Linear(120, 90)
        self.fc3 = nn.Linear(90, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2(x), 2))
        x = self.drop1(torch.flatten(x, 1))
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


class BorjiMnist(nn.Module):
    """Borji, Fig. 10 (MNIST): conv1 → pool → relu → conv2 → dropout2d → pool → relu → flatten → fc1 → relu
    → dropout → fc2."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, 5)
        self.conv2 = nn.Conv2d(10, 20, 5)
        self.conv2_drop = nn.Dropout2d(0.5)
        self.fc1 = nn.Linear(320, 50)
        self.drop1 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(50, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2_drop(self.conv2(x)), 2))
        x = torch.flatten(x, 1)
        x = self.drop1(F.relu(self.fc1(x)))
        return self.fc2(x)


class BorjiCifar(nn.Module):
    """Borji, Fig. 10 (CIFAR10-CNN1 and CNN2, identical in PyTorch: they differ only in which RobustLab
    activation slots a retrofit replaces): conv1 → relu → pool → conv2 → relu → pool → flatten → fc1 → relu
    → fc2 → relu → fc3."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


class AlexLike(nn.Module):
    """Carlini & Wagner's CIFAR-10 net (JumpReLU paper): conv1 → relu → conv2 → relu → pool → conv3 → relu
    → conv4 → relu → pool → flatten → fc1 → relu → dropout → fc2 → relu → fc3 (3×3 valid convolutions)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 3)
        self.conv2 = nn.Conv2d(64, 64, 3)
        self.conv3 = nn.Conv2d(64, 128, 3)
        self.conv4 = nn.Conv2d(128, 128, 3)
        self.fc1 = nn.Linear(3200, 256)
        self.drop1 = nn.Dropout(0.5)
        self.fc2 = nn.Linear(256, 256)
        self.fc3 = nn.Linear(256, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.conv3(x))
        x = F.max_pool2d(F.relu(self.conv4(x)), 2)
        x = torch.flatten(x, 1)
        x = self.drop1(F.relu(self.fc1(x)))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


ARCHITECTURES = {
    "lenet-like": (LeNetLike, (1, 28, 28)),
    "borji-mnist": (BorjiMnist, (1, 28, 28)),
    "borji-cifar-cnn1": (BorjiCifar, (3, 32, 32)),
    "borji-cifar-cnn2": (BorjiCifar, (3, 32, 32)),
    "alex-like": (AlexLike, (3, 32, 32)),
}


def create(architecture, seed=0):
    """A fresh module with PyTorch's default initialisation drawn after torch.manual_seed(seed)."""
    if architecture not in ARCHITECTURES:
        raise ValueError(f"unknown architecture {architecture!r}; known: {', '.join(ARCHITECTURES)}")
    torch.manual_seed(seed)
    return ARCHITECTURES[architecture][0]()


def load(path):
    """A RobustLab safetensors model (architecture from its metadata, lenet-like when unnamed) in eval mode, frozen."""
    from safetensors_io import load_file  # same folder; imported here so that create() needs nothing but torch

    state, metadata = load_file(path)
    net = create(metadata.get("architecture", "lenet-like"))
    net.load_state_dict(state, strict=True)
    net.eval()
    for p in net.parameters():
        p.requires_grad_(False)
    return net


def input_shape(architecture):
    """Shape of one example, (C, H, W)."""
    return ARCHITECTURES[architecture][1]
