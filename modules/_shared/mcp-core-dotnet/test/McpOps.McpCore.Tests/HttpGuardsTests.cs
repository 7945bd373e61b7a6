namespace McpOps.McpCore.Tests;

public sealed class HttpGuardsTests
{
    [Theory]
    [InlineData("core-test-token", "core-test-token", true)]
    [InlineData("core-test-tokeN", "core-test-token", false)]
    [InlineData("Core-test-token", "core-test-token", false)]
    [InlineData("core-test", "core-test-token", false)]
    [InlineData("core-test-token-and-more", "core-test-token", false)]
    [InlineData("core-test-tokencore-test-token", "core-test-token", false)]
    [InlineData("c", "core-test-token", false)]
    [InlineData("", "core-test-token", false)]
    [InlineData("токен", "токен", true)]
    [InlineData("токен", "токеn", false)]
    public void FixedTimeEquals_is_plain_equality(string presented, string expected, bool equal) =>
        Assert.Equal(equal, HttpGuards.FixedTimeEquals(presented, expected));

    [Fact]
    public void FixedTimeEquals_does_not_accept_a_repeated_prefix()
    {
        // The loop clamps its index into the presented value: a one-character guess must not match a
        // token made of that character repeated.
        Assert.False(HttpGuards.FixedTimeEquals("a", "aaaa"));
        Assert.True(HttpGuards.FixedTimeEquals("aaaa", "aaaa"));
    }
}
