using System.CommandLine;
using DiscoveryPortal.Indexer.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace DiscoveryPortal.Indexer.Cli;

/// <summary>
/// <c>user add NAME --role ROLE [--sources A,B] [--missions M]</c>: makes an account. The password is read
/// from the environment variable PORTAL_NEW_PASSWORD, or else from the first line of standard input, so it
/// never appears in the shell history or the process list.
/// </summary>
internal static class UserCommand
{
    public static Command Build()
    {
        var name = new Argument<string>("name") { Description = "The account's name (lower-case letters, digits, '.', '_', '-')." };
        var role = new Option<string>("--role") { Description = "administrator, curator or researcher.", DefaultValueFactory = _ => Roles.Researcher };
        var sources = new Option<string?>("--sources") { Description = "A curator's sources, comma-separated." };
        var missions = new Option<string?>("--missions") { Description = "A curator's missions, comma-separated." };
        var catalog = new Option<string?>("--catalog") { Description = "Catalogue database file (default: App_Data/catalog.db in the clone)." };
        var add = new Command("add", "Make an account.") { name, role, sources, missions, catalog };
        add.SetAction(async (result, ct) =>
        {
            var password = Environment.GetEnvironmentVariable("PORTAL_NEW_PASSWORD");
            if (string.IsNullOrEmpty(password))
            {
                if (!Console.IsInputRedirected)
                {
                    Console.Write("Password (at least 12 characters): ");
                }
                password = Console.ReadLine() ?? "";
            }
            using var services = IndexerHost.Build(result.GetValue(catalog));
            try
            {
                static string[] List(string? text) => text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
                var account = await services.GetRequiredService<AccountService>().CreateAsync(result.GetValue(name)!, password, result.GetValue(role)!,
                    List(result.GetValue(sources)), List(result.GetValue(missions)), ct);
                await services.GetRequiredService<AuditLog>().RecordAsync(AuditLog.CommandLine, "create-user", "user:" + account.Name, null, account, ct);
                Console.WriteLine($"made {account.Role} '{account.Name}'{(account.Sources.Count + account.Missions.Count > 0 ? " of " + string.Join(", ", account.Sources.Concat(account.Missions)) : "")}");
                return ExitCodes.Done;
            }
            catch (AccountException e)
            {
                await Console.Error.WriteLineAsync("user add: " + e.Message);
                return ExitCodes.Usage;
            }
        });
        return new Command("user", "Manage accounts.") { add };
    }
}
