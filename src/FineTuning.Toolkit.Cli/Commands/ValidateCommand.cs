using System.CommandLine;
using FineTuning.Toolkit.Cli.Output;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary><c>ftk validate</c>: the validator's report in the format a person, a script or CI reads.</summary>
internal static class ValidateCommand
{
    public static IReadOnlyList<string> Examples { get; } =
    [
        "ftk validate data/train.jsonl",
        "ftk validate data/train.jsonl --validation-file data/valid.jsonl --model gpt-4.1-mini-2025-04-14",
        "ftk validate data/prefs.jsonl --method dpo",
        "ftk validate data/train.jsonl --format github      # annotations on the pull request's diff",
        "ftk validate data/train.jsonl --format sarif > ftk.sarif   # for code scanning",
    ];

    public static Command Create(CliHost host)
    {
        var file = new Argument<string>("file") { Description = "The training JSONL file." };
        var model = DatasetOptions.Model();
        var method = DatasetOptions.Method();
        var validationFile = DatasetOptions.ValidationFile();
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output: text (file:line: messages), json, markdown, github (Actions annotations) or sarif (SARIF 2.1.0).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "markdown", "github", "sarif");
        var json = CommonOptions.Json();

        var command = new Command("validate", "Validate a dataset: format, quality, exact tokens and cost. Exit code 0 valid, 1 errors, 2 bad usage.")
        {
            file, model, method, validationFile, format, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = DatasetOptions.RequireFile(host, parseResult.GetValue(file)!);
            var validationPath = parseResult.GetValue(validationFile) is { } v ? DatasetOptions.RequireFile(host, v) : null;
            var options = DatasetOptions.ToValidationOptions(parseResult.GetValue(model), parseResult.GetValue(method));
            var validator = new DatasetValidator();
            var report = validationPath is null
                ? await validator.ValidateFileAsync(path, options, cancellationToken)
                : await validator.ValidateFileAsync(path, validationPath, options, cancellationToken);

            var chosen = parseResult.GetValue(json) ? "json" : parseResult.GetValue(format);
            await host.Out.WriteAsync(chosen switch
            {
                "json" => report.ToJson() + Environment.NewLine,
                "markdown" => report.ToMarkdown(),
                "github" => GitHubAnnotations.Write(report, host.CurrentDirectory),
                "sarif" => SarifLog.Write(report, host.CurrentDirectory) + Environment.NewLine,
                _ => ValidationText.Write(report, host.CurrentDirectory),
            });
            return report.IsValid ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }
}
