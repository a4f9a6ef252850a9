"""Hand-written safetensors I/O for PyTorch (no `safetensors` package needed): json + struct + numpy.

Format (https://github.com/huggingface/safetensors): u64 little-endian header length N, N bytes of UTF-8 JSON
{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ..., "__metadata__": {str: str}}
padded with spaces to a multiple of 8, then the raw little-endian tensors (offsets relative to the buffer).

    from safetensors_io import save_file, load_file
    save_file(model.state_dict(), "m.safetensors", {"architecture": "lenet-like", "format": "pt"})
    tensors, metadata = load_file("m.safetensors")
"""

import json
import os
import struct
import tempfile

import numpy as np
import torch

# torch dtype ↔ (safetensors name, little-endian numpy dtype used for the bytes). BF16 travels as raw int16 bits.
_DTYPES = {
    torch.float32: ("F32", "<f4"),
    torch.float64: ("F64", "<f8"),
    torch.float16: ("F16", "<f2"),
    torch.bfloat16: ("BF16", "<i2"),
    torch.int64: ("I64", "<i8"),
    torch.int32: ("I32", "<i4"),
    torch.uint8: ("U8", "u1"),
    torch.int8: ("I8", "i1"),
    torch.bool: ("BOOL", "u1"),
}
_BY_NAME = {name: (dtype, np_dtype) for dtype, (name, np_dtype) in _DTYPES.items()}
MAX_HEADER_BYTES = 100_000_000


def _to_bytes(t):
    name, np_dtype = _DTYPES[t.dtype]
    t = t.detach().cpu().contiguous()
    if t.dtype == torch.bfloat16:
        t = t.view(torch.int16)
    elif t.dtype == torch.bool:
        t = t.to(torch.uint8)
    return name, t.numpy().astype(np_dtype, copy=False).tobytes()


def save_file(tensors, path, metadata=None):
    """Writes a {name: tensor} dict sorted by name; atomic (temp file in the same directory, fsync, rename)."""
    header = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in sorted(metadata.items())}
    blobs, offset = [], 0
    for name in sorted(tensors):
        if name == "__metadata__" or not name:
            raise ValueError(f"{name!r} cannot name a tensor")
        dtype, data = _to_bytes(tensors[name])
        header[name] = {"dtype": dtype, "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * ((8 - len(raw) % 8) % 8)
    directory = os.path.dirname(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=directory)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temp, 0o666 & ~umask)  # mkstemp creates 0600; give the file the permissions open() would
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(struct.pack("<Q", len(raw)))
            f.write(raw)
            for blob in blobs:
                f.write(blob)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.remove(temp)
        raise


def load_file(path):
    """Reads a safetensors file → ({name: torch tensor}, metadata dict). Raises ValueError naming the file."""
    with open(path, "rb") as f:
        content = f.read()

    def bad(message):
        return ValueError(f"{path}: {message}")

    if len(content) < 8:
        raise bad(f"the file has {len(content)} bytes, fewer than the 8-byte header length")
    (n,) = struct.unpack("<Q", content[:8])
    if n > MAX_HEADER_BYTES or 8 + n > len(content):
        raise bad(f"header length {n} is absurd or larger than the file")
    try:
        header = json.loads(content[8:8 + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise bad(f"the header is not valid UTF-8 JSON: {e}") from None
    if not isinstance(header, dict):
        raise bad("the header is not a JSON object")
    metadata = header.pop("__metadata__", None) or {}
    buffer = memoryview(content)[8 + n:]
    tensors, spans = {}, []
    for name, entry in header.items():
        if entry.get("dtype") not in _BY_NAME:
            raise bad(f"tensor {name!r}: unsupported dtype {entry.get('dtype')!r}")
        dtype, np_dtype = _BY_NAME[entry["dtype"]]
        shape = entry["shape"]
        begin, end = entry["data_offsets"]
        count = int(np.prod(shape, dtype=np.int64)) if shape else 1
        if not 0 <= begin <= end <= len(buffer) or end - begin != count * np.dtype(np_dtype).itemsize:
            raise bad(f"tensor {name!r}: data_offsets {[begin, end]} do not fit shape {shape} of {entry['dtype']}")
        array = np.frombuffer(buffer[begin:end], dtype=np_dtype).reshape(shape).copy()
        t = torch.from_numpy(array)
        if dtype == torch.bfloat16:
            t = t.view(torch.bfloat16)
        elif dtype == torch.bool:
            t = t.to(torch.bool)
        tensors[name] = t
        spans.append((begin, end, name))
    expected = 0
    for begin, end, name in sorted(spans):
        if begin != expected:
            raise bad(f"tensor {name!r} starts at {begin}, expected {expected} (overlap or hole)")
        expected = end
    if expected != len(buffer):
        raise bad(f"the data buffer has {len(buffer)} bytes, the tensors cover {expected}")
    return tensors, metadata
