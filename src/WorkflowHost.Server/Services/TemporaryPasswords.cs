using System.Security.Cryptography;

namespace WorkflowHost.Server.Services;

/// <summary>
/// Passwords an admin hands to a person for their first sign-in. 16 characters from an alphabet without look-alikes
/// (no 0/O, 1/l/I), with an upper-case letter, a lower-case letter and a digit, so they pass the production policy
/// and can be read aloud or copied from a screen without mistakes.
/// </summary>
public static class TemporaryPasswords
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Digits = "23456789";

    public static string Create()
    {
        var chars = new char[16];
        RandomNumberGenerator.GetItems<char>(Upper + Lower + Digits, chars.AsSpan());
        // One of each class at random places, so the policy is always met.
        var places = Enumerable.Range(0, chars.Length).OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).Take(3).ToArray();
        chars[places[0]] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[places[1]] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[places[2]] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        return new string(chars);
    }
}
