using RobustLab.Engine.Catalog;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Engine.Data;
using RobustLab.Tests.Cli;
using RobustLab.Web.Services;
using RobustLab.Web.Services.Experiments;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Training;
using MnistTest = RobustLab.Tests.Attacks.TrainedModel;

namespace RobustLab.Tests.Web.Experiments;

// Export → import gives the same experiment under a new id (never overwriting); a Lab snapshot reopens exactly as it was;
// clear refusals for files that are too large, not JSON, of another format or version, or wrong in a field.
public sealed class ExperimentImportTests : IDisposable
{
    private readonly ExperimentLab _lab = new();

    public void Dispose() => _lab.Dispose();

    private ExperimentStore Store => _lab.Store;

    [Fact]
    public async Task A_sweep_round_trips_through_export_and_import_under_a_new_id()
    {
        long id = _lab.Record(ExperimentLab.SmallSweep() with { SeriesName = "commas, \"quotes\" and ε" }, 4);
        Store.Rename(id, "baseline");
        Store.SetNote(id, "line one\nline two");
        string exported = Store.ExportJson(id);
        Assert.StartsWith("{\n  \"format\": \"robustlab-experiment\",\n  \"version\": 1,", exported);

        var first = await Store.ImportAsync(exported);
        var second = await Store.ImportAsync(exported);
        Assert.NotEqual(id, first.Id);
        Assert.NotEqual(first.Id, second.Id);
        Assert.NotNull(first.Imported);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(ExperimentDocuments.Comparable(exported), ExperimentDocuments.Comparable(Store.ExportJson(first.Id))));
        Assert.Equal(Store.ExportCsv(id), Store.ExportCsv(second.Id));
        Assert.Equal(Store.Get(id).Sweep, Store.Get(first.Id).Sweep);
        Assert.Equal(Store.Get(id).SweepPoints, Store.Get(first.Id).SweepPoints);
        Assert.Equal(("baseline", ExperimentStatus.Completed), (first.Name, first.Status));
        Assert.Null(Store.Get(id).Summary.Imported); // the original is untouched
        Assert.Equal(3, Store.List().Count);
    }

    [Fact]
    public async Task A_lab_snapshot_reopens_exactly_as_it_was_and_round_trips()
    {
        var root = CliRunner.RepositoryRoot;
        var options = Options.Create(new LabOptions());
        var paths = new LabPaths(root, _lab.ModelsDirectory, DataDirectory.Resolve(null), _lab.RegistryDirectory);
        var resources = new LabResources(_lab.Registry, new TrainingData(paths, options, NullLogger<TrainingData>.Instance), options);
        using var service = new LabService(resources, ExperimentLab.Limits, NullLogger<LabService>.Instance);
        var test = MnistTest.MnistTest(1, 3);
        var state = new LabState { Activation = "jumprelu", Kappa = 0.5, Compare = true, Seed = 4, Steps = 10 };
        state.SetImage(LabImage.Validated(test.Images.Data, test.Labels[0], ImageSource.Mnist, "test #3", 3));
        var result = await service.ComputeAsync(state.ToRequest()!);

        var saved = Store.SaveLabSnapshot(state, result, "JumpReLU on a 3");
        Assert.Equal((ExperimentKind.LabSnapshot, ExperimentStatus.Completed, "JumpReLU on a 3"), (saved.Kind, saved.Status, saved.Name));
        Assert.Equal("jumprelu:0.5", saved.Defense);
        var experiment = Store.Get(saved.Id);
        Assert.Equal(2, experiment.LabPoints.Count); // undefended and defended, side by side

        var reopened = new LabState();
        var shown = experiment.RestoreLab(reopened, ["lenet-like"])!;
        Assert.Equal(state.ToRequest()! with { Version = 0 }, reopened.ToRequest()! with { Version = 0, Image = state.Image! });
        Assert.Equal(state.Image!.Pixels, reopened.Image!.Pixels);
        Assert.Equal(result.CleanImage, shown.CleanImage);
        Assert.Equal(result.Summary, shown.Summary);
        Assert.Equal(result.SignedScale.Hi, shown.SignedScale.Hi);
        Assert.Equal(result.MagnitudeScale.Ticks, shown.MagnitudeScale.Ticks);
        for (int i = 0; i < 2; i++)
        {
            var (a, b) = (result.Attacks[i], shown.Attacks[i]);
            Assert.Equal((a.Title, a.Model, a.Target, a.Success, a.Linf, a.L2, a.Relative), (b.Title, b.Model, b.Target, b.Success, b.Linf, b.L2, b.Relative));
            Assert.Equal((a.AdversarialImage, a.SignedImage, a.MagnitudeImage), (b.AdversarialImage, b.SignedImage, b.MagnitudeImage));
            Assert.Equal(a.AdversarialPixels, b.AdversarialPixels); // so the reopened snapshot can be exported as a figure again
            Assert.Equal(a.Probabilities.Clean, b.Probabilities.Clean);
            Assert.Equal(a.Probabilities.Adversarial, b.Probabilities.Adversarial);
        }

        string exported = Store.ExportJson(saved.Id);
        var imported = await Store.ImportAsync(exported);
        Assert.True(JsonNode.DeepEquals(ExperimentDocuments.Comparable(exported), ExperimentDocuments.Comparable(Store.ExportJson(imported.Id))));
        var csv = Store.ExportCsv(saved.Id).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("series,title,model,target,clean_prediction,adversarial_prediction,success,linf,l2,relative,clean_probabilities_0,", csv[0]);

        // The adversarial pixels an import brings are checked like every other number.
        var document = JsonNode.Parse(exported)!;
        document["result"]!["attacks"]![1]!["adversarial_pixels"]![5] = 1.5;
        var e = await Assert.ThrowsAsync<ExperimentImportException>(() => Store.ImportAsync(document.ToJsonString()));
        Assert.Contains("$.result.attacks[1].adversarial_pixels: 784 numbers in [0, 1]", e.Message);
    }

    [Fact]
    public async Task Too_large_files_are_refused_before_they_are_read_whole()
    {
        var small = _lab.NewStore(maxImportBytes: 4096);
        long id = _lab.Record(ExperimentLab.SmallSweep(), 40);
        string exported = Store.ExportJson(id);
        Assert.True(exported.Length > 4096);
        var e = await Assert.ThrowsAsync<ExperimentImportException>(() => small.ImportAsync(exported));
        Assert.True(e.TooLarge);
        Assert.Contains("larger than the limit of 4,096 bytes", e.Message);
        Assert.Contains("RobustLab:Experiments:MaxImportBytes", e.Message);
        // A stream that cannot tell its length is cut off at the limit too.
        var unseekable = await Assert.ThrowsAsync<ExperimentImportException>(() => small.ImportAsync(new UnseekableStream(ExperimentDocuments.Stream(exported))));
        Assert.True(unseekable.TooLarge);
        Assert.Single(Store.List());
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"format\": \"robustlab-experiment\", \"version\": 1,", "not valid JSON")]
    [InlineData("[1, 2, 3]", "expected an object, found array")]
    [InlineData("{\"format\": \"robustlab-sweep\", \"version\": 1}", "\"format\" must be \"robustlab-experiment\"")]
    [InlineData("{\"format\": \"robustlab-experiment\", \"version\": 2}", "format version 2; this RobustLab reads version 1")]
    [InlineData("{\"format\": \"robustlab-experiment\", \"version\": \"1\"}", "no valid \"version\"")]
    [InlineData("{\"format\": \"robustlab-experiment\", \"version\": 1}", "missing required properties")]
    [InlineData("{\"format\": \"robustlab-experiment\", \"version\": 1, \"id\": 1e400}", "$.id: the number 1e400 is out of range")]
    [InlineData("{\"format\": \"robustlab-experiment\", \"version\": 1, \"id\": NaN}", "not valid JSON")]
    public async Task Malformed_files_are_refused_with_the_defect_named(string json, string message)
    {
        var e = await Assert.ThrowsAsync<ExperimentImportException>(() => Store.ImportAsync(json));
        Assert.StartsWith("Import refused: ", e.Message);
        Assert.Contains(message, e.Message);
        Assert.False(e.TooLarge);
    }

    [Theory]
    [InlineData("kind", "\"experiment\"", "$.kind: must be one of sweep, training, lab-snapshot")]
    [InlineData("status", "\"done\"", "$.status: must be one of")]
    [InlineData("note", "42", "$.note")]
    [InlineData("models", "[{\"name\": \"../evil\", \"sha256\": null}]", "$.models[0].name: '../evil' is not a valid name")]
    [InlineData("models", "[{\"name\": \"lenet-like\", \"sha256\": \"xyz\"}]", "$.models[0].sha256: must be 64 lowercase hexadecimal digits")]
    [InlineData("result", "{\"a\": 1}", "$.result: a sweep has no result")]
    [InlineData("configuration", "{\"knob\": \"eps\", \"examples\": 0}", "$.configuration: Test images: 1 to")]
    [InlineData("configuration", "{\"knob\": \"eps\", \"attack\": 7}", "$.configuration.attack")]
    [InlineData("configuration", "{\"knob\": \"eps\", \"surprise\": 1}", "$.configuration")]
    [InlineData("points", "[{\"series\": \"curve\", \"data\": {}}]", "$.points[0].series: a sweep has points of point")]
    [InlineData("points", "[{\"series\": \"point\", \"data\": {\"series\": \"s\"}}]", "$.points[0].data")]
    public async Task A_wrong_field_is_refused_with_its_path(string field, string value, string message)
    {
        long id = _lab.Record(ExperimentLab.SmallSweep(), 2);
        var document = JsonNode.Parse(Store.ExportJson(id))!;
        document[field] = JsonNode.Parse(value);
        var e = await Assert.ThrowsAsync<ExperimentImportException>(() => Store.ImportAsync(document.ToJsonString()));
        Assert.Contains(message, e.Message);
        Assert.Single(Store.List());
    }

    [Fact]
    public async Task A_point_out_of_range_is_refused()
    {
        long id = _lab.Record(ExperimentLab.SmallSweep(), 2);
        var document = JsonNode.Parse(Store.ExportJson(id))!;
        document["points"]![1]!["data"]!["clean_accuracy"] = 1.5;
        var e = await Assert.ThrowsAsync<ExperimentImportException>(() => Store.ImportAsync(document.ToJsonString()));
        Assert.Contains("$.points[1].data.clean_accuracy: a fraction in [0, 1]; got 1.5", e.Message);
    }

    private sealed class UnseekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
