// `carecast completion SHELL` prints a completion script for bash, zsh, fish or
// PowerShell, each written from one description of the command line that CLI11 holds:
// the subcommands, their flags and what each flag's value can be. The value a flag
// takes is named by its type name: FILE, OPTION (an option id of the scenario on the
// line), OPTION,OPTION (a pair of them), YEAR (one of its financial years), and
// lower-case words for fixed values (`npc|total|YEAR`); a check's list gives the rest.
// The scripts ask the hidden `carecast __complete option-ids|years SCENARIO` for a
// scenario's values.

#include "common.hpp"

#include "carecast/calendar.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace carecast::cli {
namespace {

const std::vector<std::string> k_shells{"bash", "zsh", "fish", "powershell"};

// What a word can be: fixed words, file names, and the option ids (one, or a pair
// A,B) or financial years of the scenario on the command line.
struct Values
{
  std::vector<std::string> words;
  bool files = false;
  bool option_ids = false;
  bool option_pairs = false;
  bool years = false;

  // The kinds of value the scripts fetch or complete themselves, as the scripts name them.
  std::vector<std::string> kinds() const
  {
    std::vector<std::string> found;
    const std::pair<bool, const char*> all[]{{files, "files"},
                                             {option_ids, "option-ids"},
                                             {option_pairs, "option-pairs"},
                                             {years, "years"}};
    for (const auto& [wanted, kind] : all) {
      if (wanted) {
        found.emplace_back(kind);
      }
    }
    return found;
  }
};

struct Flag
{
  std::vector<std::string> names; // as typed: -o, --output
  std::string description;
  std::optional<Values> value; // none: a flag that takes no value
};

struct Subcommand
{
  std::string name;
  std::string description;
  std::vector<Flag> flags;
  Values operands; // the words that are not flags or their values
};

std::string joined(const std::vector<std::string>& words)
{
  return fmt::format("{}", fmt::join(words, " "));
}

std::vector<std::string> names(const CLI::Option& option)
{
  std::vector<std::string> found;
  for (const std::string& name : option.get_snames()) {
    found.push_back("-" + name);
  }
  for (const std::string& name : option.get_lnames()) {
    found.push_back("--" + name);
  }
  return found;
}

// The values a check lists for an option ({table,csv,json}), or none.
std::vector<std::string> listed_values(CLI::Option& option)
{
  std::string description;
  try {
    description = option.get_validator(0)->get_description();
  } catch (const CLI::OptionNotFound&) { // no check
    return {};
  }
  if (description.size() < 2 || description.front() != '{' || description.back() != '}') {
    return {};
  }
  std::vector<std::string> values;
  std::size_t start = 1;
  for (std::size_t comma; (comma = description.find(',', start)) != std::string::npos;
       start = comma + 1) {
    values.push_back(description.substr(start, comma - start));
  }
  values.push_back(description.substr(start, description.size() - 1 - start));
  return values;
}

// A fixed value in a type name is in lower case: npc and total in `npc|total|YEAR`.
bool fixed_word(const std::string& part)
{
  const auto upper = [](unsigned char c) { return std::isupper(c) != 0; };
  return !part.empty() && std::none_of(part.begin(), part.end(), upper);
}

// An option's values, from its check and its type name's alternatives.
Values values_of(CLI::Option& option)
{
  Values values{listed_values(option)};
  const std::string type = option.get_type_name();
  std::size_t start = 0;
  for (std::size_t end = 0; end != std::string::npos; start = end + 1) {
    end = type.find('|', start);
    const std::string part = type.substr(start, end - start);
    values.files |= part == "FILE";
    values.option_ids |= part == "OPTION";
    values.option_pairs |= part == "OPTION,OPTION";
    values.years |= part == "YEAR";
    if (fixed_word(part)) {
      values.words.push_back(part);
    }
  }
  return values;
}

Subcommand describe(CLI::App& command)
{
  Subcommand described{command.get_name(), command.get_description(), {}, {}};
  described.flags.push_back({{"--help"}, "Print this help message and exit", std::nullopt});
  for (CLI::Option* option : command.get_options()) {
    if (option->get_name() == "--help") {
      continue;
    }
    const std::vector<std::string> typed = names(*option);
    if (typed.empty()) { // a positional argument: its listed values, else a file name
      described.operands.words = listed_values(*option);
      continue;
    }
    described.flags.push_back(
      {typed, option->get_description(),
       option->get_expected_max() == 0 ? std::nullopt : std::optional<Values>{values_of(*option)}});
  }
  described.operands.files = described.operands.words.empty();
  return described;
}

std::vector<std::string> subcommand_names(const std::vector<Subcommand>& commands)
{
  std::vector<std::string> found;
  for (const Subcommand& command : commands) {
    found.push_back(command.name);
  }
  return found;
}

// Every subcommand a user can see (the hidden ones have an empty group), and `help`,
// which main reads before CLI11 does, followed by the name of one of them.
std::vector<Subcommand> describe_all(CLI::App& app)
{
  std::vector<Subcommand> described;
  for (CLI::App* command :
       app.get_subcommands([](CLI::App* command) { return !command->get_group().empty(); })) {
    described.push_back(describe(*command));
  }
  Subcommand help{"help", "List the commands, or show one command's options", {}, {}};
  help.operands.words = subcommand_names(described);
  described.push_back(help);
  return described;
}

std::vector<std::string> flag_names(const Subcommand& command)
{
  std::vector<std::string> found;
  for (const Flag& flag : command.flags) {
    found.insert(found.end(), flag.names.begin(), flag.names.end());
  }
  return found;
}

// --- bash and zsh, which share their cases ----------------------------------

std::string values_call(const Values& values)
{
  return fmt::format("_carecast_values '{}' '{}'", joined(values.words), joined(values.kinds()));
}

// The case of one subcommand: after a flag that takes a value ($prev), its values;
// otherwise the subcommand's flags and the call that offers its operands.
std::string subcommand_case(const Subcommand& command)
{
  std::string values;
  for (const Flag& flag : command.flags) {
    if (flag.value) {
      values += fmt::format("        {}) {}; return ;;\n", fmt::join(flag.names, "|"),
                            values_call(*flag.value));
    }
  }
  return fmt::format("    {})\n"
                     "      case $prev in\n"
                     "{}"
                     "      esac\n"
                     "      options=({})\n"
                     "      operands=({}) ;;\n",
                     command.name, values, joined(flag_names(command)),
                     values_call(command.operands));
}

std::string subcommand_cases(const std::vector<Subcommand>& commands)
{
  std::string cases;
  for (const Subcommand& command : commands) {
    cases += subcommand_case(command);
  }
  return cases;
}

std::string bash_script(const std::vector<Subcommand>& commands)
{
  return fmt::format(
    "# bash completion for carecast, written by `carecast completion bash`.\n"
    "\n"
    "# Prints the option ids or years ($1) of the first scenario (.toml) on the line.\n"
    "_carecast_scenario_values()\n"
    "{{\n"
    "  local word\n"
    "  for word in \"${{COMP_WORDS[@]:2:COMP_CWORD-2}}\"; do\n"
    "    if [[ $word == *.toml ]]; then\n"
    "      \"${{COMP_WORDS[0]}}\" __complete \"$1\" \"$word\" 2>/dev/null\n"
    "      return\n"
    "    fi\n"
    "  done\n"
    "}}\n"
    "\n"
    "# _carecast_values WORDS KINDS: the words and the values of each kind that match.\n"
    "_carecast_values()\n"
    "{{\n"
    "  local cur=${{COMP_WORDS[COMP_CWORD]}} words=$1 prefix= kind\n"
    "  for kind in $2; do\n"
    "    case $kind in\n"
    "      files) COMPREPLY+=($(compgen -f -- \"$cur\")) ;;\n"
    "      option-ids) words+=\" $(_carecast_scenario_values option-ids)\" ;;\n"
    "      years) # not file names, which bash would show from their last slash on\n"
    "        compopt +o filenames 2>/dev/null\n"
    "        words+=\" $(_carecast_scenario_values years)\" ;;\n"
    "      option-pairs)\n"
    "        [[ $cur == *,* ]] && prefix=${{cur%,*}},\n"
    "        words+=\" $(_carecast_scenario_values option-ids)\" ;;\n"
    "    esac\n"
    "  done\n"
    "  COMPREPLY+=($(compgen -P \"$prefix\" -W \"$words\" -- \"${{cur#\"$prefix\"}}\"))\n"
    "}}\n"
    "\n"
    "_carecast()\n"
    "{{\n"
    "  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}} options operands\n"
    "  COMPREPLY=()\n"
    "  if (( COMP_CWORD == 1 )); then\n"
    "    COMPREPLY=($(compgen -W \"{} --help --version\" -- \"$cur\"))\n"
    "    return\n"
    "  fi\n"
    "  case ${{COMP_WORDS[1]}} in\n"
    "{}"
    "    *) return ;;\n"
    "  esac\n"
    "  if [[ $cur == -* ]]; then\n"
    "    COMPREPLY=($(compgen -W \"${{options[*]}}\" -- \"$cur\"))\n"
    "  else\n"
    "    \"${{operands[@]}}\"\n"
    "  fi\n"
    "}}\n"
    "complete -o filenames -F _carecast carecast\n",
    joined(subcommand_names(commands)), subcommand_cases(commands));
}

// --- zsh -----------------------------------------------------------------------

std::string zsh_script(const std::vector<Subcommand>& commands)
{
  return fmt::format(
    "#compdef carecast\n"
    "# zsh completion for carecast, written by `carecast completion zsh`.\n"
    "\n"
    "# Prints the option ids or years ($1) of the first scenario (.toml) on the line.\n"
    "_carecast_scenario_values() {{\n"
    "  local word\n"
    "  for word in ${{words[3,CURRENT-1]}}; do\n"
    "    if [[ $word == *.toml ]]; then\n"
    "      ${{~words[1]}} __complete $1 ${{(Q)word}} 2>/dev/null\n"
    "      return\n"
    "    fi\n"
    "  done\n"
    "}}\n"
    "\n"
    "# _carecast_values WORDS KINDS: offers the words and the values of each kind.\n"
    "_carecast_values() {{\n"
    "  local kind\n"
    "  local -a found\n"
    "  found=(${{=1}})\n"
    "  for kind in ${{=2}}; do\n"
    "    case $kind in\n"
    "      files) _files ;;\n"
    "      option-ids|years) found+=(${{(f)\"$(_carecast_scenario_values $kind)\"}}) ;;\n"
    "      option-pairs)\n"
    "        compset -P '*,'\n"
    "        found+=(${{(f)\"$(_carecast_scenario_values option-ids)\"}}) ;;\n"
    "    esac\n"
    "  done\n"
    "  (( $#found )) && compadd -a found\n"
    "}}\n"
    "\n"
    "_carecast() {{\n"
    "  local prev=$words[CURRENT-1]\n"
    "  local -a options operands\n"
    "  if (( CURRENT == 2 )); then\n"
    "    compadd -- {} --help --version\n"
    "    return\n"
    "  fi\n"
    "  case $words[2] in\n"
    "{}"
    "    *) return ;;\n"
    "  esac\n"
    "  if [[ $PREFIX == -* ]]; then\n"
    "    compadd -a options\n"
    "  else\n"
    "    \"${{operands[@]}}\"\n"
    "  fi\n"
    "}}\n"
    "\n"
    "if [[ $funcstack[1] == _carecast ]]; then\n"
    "  _carecast \"$@\"\n"
    "else\n"
    "  compdef _carecast carecast\n"
    "fi\n",
    joined(subcommand_names(commands)), subcommand_cases(commands));
}

// --- fish ----------------------------------------------------------------------

// `text` in single quotes, as fish reads it.
std::string fish_quoted(const std::string& text)
{
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'' || c == '\\') {
      quoted += '\\';
    }
    quoted += c;
  }
  return quoted + "'";
}

// The arguments of `complete` that offer a value's words and kinds.
std::string fish_values(const Values& values)
{
  std::vector<std::string> offered = values.words;
  for (const std::string& kind : values.kinds()) {
    if (kind != "files") {
      offered.push_back(fmt::format("(__carecast_scenario_values {})", kind));
    }
  }
  std::string arguments = values.files ? " -F" : " -f";
  if (!offered.empty()) {
    arguments += " -a " + fish_quoted(joined(offered));
  }
  return arguments;
}

std::string fish_flag(const Subcommand& command, const Flag& flag)
{
  std::string line =
    fmt::format("complete -c carecast -n '__fish_seen_subcommand_from {}'", command.name);
  for (const std::string& name : flag.names) {
    line += name.starts_with("--") ? " -l " + name.substr(2) : " -s " + name.substr(1);
  }
  if (flag.value) {
    line += " -r" + fish_values(*flag.value);
  }
  return line + " -d " + fish_quoted(flag.description) + "\n";
}

std::string fish_script(const std::vector<Subcommand>& commands)
{
  std::string lines;
  for (const Subcommand& command : commands) {
    lines += fmt::format("complete -c carecast -n __fish_use_subcommand -a {} -d {}\n",
                         command.name, fish_quoted(command.description));
  }
  for (const Subcommand& command : commands) {
    lines += fmt::format("complete -c carecast -n '__fish_seen_subcommand_from {}'{}\n",
                         command.name, fish_values(command.operands));
    for (const Flag& flag : command.flags) {
      lines += fish_flag(command, flag);
    }
  }
  return fmt::format(
    "# fish completion for carecast, written by `carecast completion fish`.\n"
    "\n"
    "# Prints the option ids or years of the first scenario (.toml) on the line; for\n"
    "# option-pairs, the ids after the A, being typed.\n"
    "function __carecast_scenario_values\n"
    "    set -l words (commandline -opc)\n"
    "    set -l kind $argv[1]\n"
    "    set -l prefix ''\n"
    "    if test $kind = option-pairs\n"
    "        set kind option-ids\n"
    "        set prefix (string match -r '^.*,' -- (commandline -ct))\n"
    "    end\n"
    "    for word in $words[3..-1]\n"
    "        if string match -q '*.toml' -- $word\n"
    "            for value in ($words[1] __complete $kind $word 2>/dev/null)\n"
    "                echo $prefix$value\n"
    "            end\n"
    "            return\n"
    "        end\n"
    "    end\n"
    "end\n"
    "\n"
    "complete -c carecast -f\n"
    "complete -c carecast -n __fish_use_subcommand -l help -d 'Print help and exit'\n"
    "complete -c carecast -n __fish_use_subcommand -l version -d 'Print the version and exit'\n"
    "{}",
    lines);
}

// --- PowerShell ----------------------------------------------------------------

// `text` in single quotes, as PowerShell reads it.
std::string powershell_quoted(const std::string& text)
{
  std::string quoted = "'";
  for (const char c : text) {
    quoted += c;
    if (c == '\'') {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string powershell_list(const std::vector<std::string>& words)
{
  std::vector<std::string> quoted;
  for (const std::string& word : words) {
    quoted.push_back(powershell_quoted(word));
  }
  return fmt::format("@({})", fmt::join(quoted, ", "));
}

std::string powershell_values(const Values& values)
{
  return fmt::format("@{{ words = {}; kinds = {} }}", powershell_list(values.words),
                     powershell_list(values.kinds()));
}

std::string powershell_command(const Subcommand& command)
{
  std::vector<std::string> values;
  for (const Flag& flag : command.flags) {
    for (const std::string& name : flag.names) {
      if (flag.value) {
        values.push_back(
          fmt::format("{} = {}", powershell_quoted(name), powershell_values(*flag.value)));
      }
    }
  }
  return fmt::format("        {} = @{{\n"
                     "            flags = {}\n"
                     "            values = @{{ {} }}\n"
                     "            operands = {}\n"
                     "        }}\n",
                     powershell_quoted(command.name), powershell_list(flag_names(command)),
                     fmt::join(values, "; "), powershell_values(command.operands));
}

std::string powershell_script(const std::vector<Subcommand>& commands)
{
  std::string table;
  for (const Subcommand& command : commands) {
    table += powershell_command(command);
  }
  return fmt::format(
    "# PowerShell completion for carecast, written by `carecast completion powershell`.\n"
    "Register-ArgumentCompleter -Native -CommandName carecast, carecast.exe -ScriptBlock {{\n"
    "    param($wordToComplete, $commandAst, $cursorPosition)\n"
    "    $carecastCommands = [ordered]@{{\n"
    "{}"
    "    }}\n"
    "    $words = @($commandAst.CommandElements | ForEach-Object {{ \"$_\" }})\n"
    "    if ($wordToComplete -ne '') {{ $words = @($words | Select-Object -SkipLast 1) }}\n"
    "    $prefix = ''\n"
    "    if ($words.Count -lt 2) {{\n"
    "        $candidates = @($carecastCommands.Keys) + '--help', '--version'\n"
    "    }} else {{\n"
    "        $command = $carecastCommands[$words[1]]\n"
    "        if ($null -eq $command) {{ return }}\n"
    "        $values = $command.values[$words[-1]]\n"
    "        if ($null -eq $values -and $wordToComplete -like '-*') {{\n"
    "            $candidates = $command.flags\n"
    "        }} else {{\n"
    "            if ($null -eq $values) {{ $values = $command.operands }}\n"
    "            $candidates = @($values.words)\n"
    "            $scenario = $words | Select-Object -Skip 2 |\n"
    "                Where-Object {{ $_ -like '*.toml' }} | Select-Object -First 1\n"
    "            foreach ($kind in $values.kinds) {{\n"
    "                if ($kind -eq 'files' -or $null -eq $scenario) {{ continue }}\n"
    "                if ($kind -eq 'option-pairs') {{\n"
    "                    $kind = 'option-ids'\n"
    "                    if ($wordToComplete -match '^(.*,)') {{ $prefix = $Matches[1] }}\n"
    "                }}\n"
    "                $candidates += @(& $words[0] __complete $kind $scenario 2>$null)\n"
    "            }}\n"
    "        }}\n"
    "    }}\n"
    "    $candidates | ForEach-Object {{ \"$prefix$_\" }} |\n"
    "        Where-Object {{ $_ -like \"$wordToComplete*\" }} |\n"
    "        ForEach-Object {{\n"
    "            [System.Management.Automation.CompletionResult]::new(\n"
    "                $_, $_, 'ParameterValue', $_)\n"
    "        }}\n"
    "}}\n",
    table);
}

std::string completion_script(const std::string& shell, CLI::App& app)
{
  const std::vector<Subcommand> commands = describe_all(app);
  if (shell == "zsh") {
    return zsh_script(commands);
  }
  if (shell == "fish") {
    return fish_script(commands);
  }
  if (shell == "powershell") {
    return powershell_script(commands);
  }
  return bash_script(commands);
}

// The option ids or financial years of a scenario, one a line; nothing when it cannot
// be read, so that a completion never prints an error into the user's shell.
std::string scenario_values(const std::string& kind, const std::string& path)
{
  std::vector<std::string> values;
  try {
    const ModelLoad loaded = read_model(path);
    if (!loaded.model) {
      return {};
    }
    const Model& model = *loaded.model;
    if (kind == "years") {
      for (int year = 0; year < model.grid().years(); ++year) {
        values.push_back(to_string(model.grid().year(year)));
      }
    } else {
      for (const ModelOption& option : model.options()) {
        values.push_back(option.id);
      }
    }
  } catch (const std::exception&) { // a file that cannot be read at all
    return {};
  }
  return values.empty() ? "" : fmt::format("{}\n", fmt::join(values, "\n"));
}

} // namespace

Command register_completion(CLI::App& app)
{
  auto shell = std::make_shared<std::string>();
  CLI::App* command =
    app.add_subcommand("completion", "Print a shell completion script for carecast");
  command->footer("Examples:\n  source <(carecast completion bash)\n"
                  "  carecast completion fish | source");
  command->add_option("shell", *shell, "bash, zsh, fish or powershell")
    ->required()
    ->check(CLI::IsMember(k_shells));
  return {command, [&app, shell](RunProvenance&) {
            write_to_stdout(completion_script(*shell, app));
            return ExitCode::success;
          }};
}

Command register_completion_values(CLI::App& app)
{
  auto kind = std::make_shared<std::string>();
  auto scenario = std::make_shared<std::string>();
  CLI::App* command =
    app.add_subcommand("__complete", "The values the completion scripts offer")->group("");
  command->add_option("kind", *kind)->required()->check(CLI::IsMember({"option-ids", "years"}));
  command->add_option("scenario", *scenario)->required();
  return {command, [kind, scenario](RunProvenance&) {
            write_to_stdout(scenario_values(*kind, *scenario));
            return ExitCode::success;
          }};
}

} // namespace carecast::cli
