namespace Daybreak.Response.Notices;

/// <summary>What a send run does with notices whose earlier send has no recorded answer (state unconfirmed).</summary>
public enum UnconfirmedNotices
{
    /// <summary>Leave them and report them: the responder checks whether they arrived.</summary>
    Hold,

    /// <summary>Send them again (same notice id, so a duplicate is recognisable).</summary>
    Resend,

    /// <summary>The responder found them delivered: mark them sent.</summary>
    MarkSent,
}
