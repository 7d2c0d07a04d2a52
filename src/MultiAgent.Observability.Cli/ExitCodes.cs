namespace MultiAgent.Observability.Cli;

/// <summary>The process exit codes of <c>multiagent</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The input is invalid (every problem is printed) or the output could not be written; nothing was written.</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line is wrong: unknown command or option, missing argument. The usage is printed.</summary>
    public const int Usage = 2;

    /// <summary>An unexpected error (a bug): reported in one line, without a stack trace.</summary>
    public const int InternalError = 3;
}
