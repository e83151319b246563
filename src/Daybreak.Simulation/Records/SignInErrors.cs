namespace Daybreak.Simulation.Records;

/// <summary>Entra sign-in error codes and the failure reasons Entra writes for them.</summary>
internal static class SignInErrors
{
    public const int Success = 0;
    public const int BadPassword = 50126;
    public const int Locked = 50053;
    public const int PasswordExpired = 50055;
    public const int StrongAuthRequired = 50074;
    public const int MfaRequired = 50076;
    public const int MfaDenied = 500121;
    public const int KmsiInterrupt = 50140;
    public const int SessionRevoked = 50133;
    public const int InvalidClientSecret = 7000215;

    public static string Reason(int code) => code switch
    {
        Success => "Other.",
        BadPassword => "Error validating credentials due to invalid username or password.",
        Locked => "Account is locked because user tried to sign in too many times with an incorrect user ID or password.",
        PasswordExpired => "The user's password is expired, and therefore their login or session was ended. They will be offered the opportunity to reset it, or may ask an admin to reset it via",
        StrongAuthRequired => "Strong Authentication is required.",
        MfaRequired => "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access",
        MfaDenied => "Authentication failed during strong authentication request.",
        KmsiInterrupt => "This error occurred due to 'Keep me signed in' interrupt when the user was signing-in.",
        SessionRevoked => "Session is invalid due to expiration or recent password change.",
        InvalidClientSecret => "Invalid client secret is provided.",
        _ => "Other.",
    };
}
