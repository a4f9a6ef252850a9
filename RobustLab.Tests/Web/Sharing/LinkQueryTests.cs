using RobustLab.Web.Services.Sharing;

namespace RobustLab.Tests.Web.Sharing;

// The query parser every page link goes through: strict percent-decoding, repeated names, size limits.
public sealed class LinkQueryTests
{
    [Fact]
    public void Pairs_are_percent_decoded_with_plus_as_space_and_read_once()
    {
        var query = LinkQuery.Parse("?values=0,+0.5,+1&name=%CE%B1+%3D+1&flag", 4096);
        Assert.Empty(query.Problems);
        Assert.Equal("0, 0.5, 1", query.Take("values"));
        Assert.Equal("α = 1", query.Take("name"));
        Assert.Equal(["flag"], query.Unread());
        Assert.Equal("", query.Take("flag"));
        Assert.Null(query.Take("missing"));
        Assert.Empty(query.Unread());
    }

    [Theory]
    [InlineData("eps=%", "eps=%")]
    [InlineData("eps=%G1", "eps=%G1")]
    [InlineData("eps=%E2%82", "eps=%E2%82")]          // a truncated UTF-8 sequence
    [InlineData("eps=%C0%AF", "eps=%C0%AF")]          // an overlong encoding of '/'
    [InlineData("eps=%ED%A0%80", "eps=%ED%A0%80")]    // a UTF-16 surrogate in UTF-8
    [InlineData("e%FFps=1", "e%FFps=1")]
    public void Invalid_escapes_are_dropped_with_a_message(string text, string quoted)
    {
        var query = LinkQuery.Parse(text + "&seed=3", 4096);
        Assert.Equal($"'{quoted}' is not valid percent-encoded UTF-8: ignored.", Assert.Single(query.Problems));
        Assert.Null(query.Take("eps"));
        Assert.Equal("3", query.Take("seed"));
    }

    [Fact]
    public void A_repeated_name_is_ignored_altogether()
    {
        var query = LinkQuery.Parse("eps=0.1&seed=2&eps=0.2", 4096);
        Assert.Equal("'eps' is given 2 times: ignored (the default is used).", Assert.Single(query.Problems));
        Assert.Null(query.Take("eps"));
        Assert.Equal("2", query.Take("seed"));
    }

    [Fact]
    public void Too_long_or_too_many_pairs_are_ignored_as_a_whole()
    {
        var tooLong = LinkQuery.Parse("eps=" + new string('1', 5000), 4096);
        Assert.Contains("more than the 4,096 this page reads", Assert.Single(tooLong.Problems));
        Assert.Null(tooLong.Take("eps"));
        var tooMany = LinkQuery.Parse(string.Join("&", Enumerable.Range(0, 65).Select(i => $"p{i}=1")), 4096);
        Assert.Contains("65 settings", Assert.Single(tooMany.Problems));
        Assert.Empty(tooMany.Unread());
    }

    [Fact]
    public void Escape_keeps_lists_and_specs_readable_and_parses_back_exactly()
    {
        Assert.Equal("img=mnist:42&values=0,+0.5,+1&name=%CE%B1+%3D+1+%26+%23x", LinkQuery.Build(
        [
            KeyValuePair.Create("img", "mnist:42"), KeyValuePair.Create("values", "0, 0.5, 1"), KeyValuePair.Create("name", "α = 1 & #x"),
        ]));
        var rng = new Random(5);
        for (int i = 0; i < 200; i++)
        {
            var text = new string([.. Enumerable.Range(0, rng.Next(0, 30)).Select(_ => (char)rng.Next(32, 0x3000))]).Replace("\uFFFD", "");
            if (text.Any(char.IsSurrogate)) continue;
            var query = LinkQuery.Parse(LinkQuery.Build([KeyValuePair.Create("v", text)]), 4096);
            Assert.Empty(query.Problems);
            Assert.Equal(text, query.Take("v"));
        }
    }

    [Fact]
    public void The_raw_query_of_an_address_is_taken_as_written()
    {
        Assert.Equal("a=%41&b=%G1", LinkQuery.QueryOf("http://127.0.0.1:5000/lab?a=%41&b=%G1#top"));
        Assert.Equal("", LinkQuery.QueryOf("http://127.0.0.1:5000/lab#x?y"));
    }

    [Fact]
    public void Shown_text_is_short_and_printable()
    {
        Assert.Equal("a�b", LinkQuery.Shown("a\u0000b"));
        Assert.Equal(40, LinkQuery.Shown(new string('x', 100)).Length);
    }
}
