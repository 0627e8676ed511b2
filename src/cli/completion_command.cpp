#include "common.hpp"

#include <fmt/format.h>
#include <iostream>

namespace carecast::cli {
namespace {

std::string joined(const std::vector<std::string>& words)
{
  return fmt::format("{}", fmt::join(words, " "));
}

// An option's names as typed: -o, --output.
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

// The case of one subcommand: its options, and after an option that takes a value,
// the values its check lists, file names for a FILE, or nothing to suggest.
std::string subcommand_case(CLI::App& command)
{
  std::vector<std::string> options{"--help"};
  std::string values;
  for (CLI::Option* option : command.get_options()) {
    const std::vector<std::string> typed = names(*option);
    if (typed.empty() || option->get_name() == "--help") {
      continue; // a positional argument: a file name
    }
    options.insert(options.end(), typed.begin(), typed.end());
    if (option->get_expected_max() == 0) {
      continue; // a flag
    }
    const std::vector<std::string> listed = listed_values(*option);
    const std::string reply = !listed.empty()
                                ? fmt::format("($(compgen -W \"{}\" -- \"$cur\"))", joined(listed))
                              : option->get_type_name() == "FILE" ? "($(compgen -f -- \"$cur\"))"
                                                                  : "()";
    values += fmt::format("        {}) COMPREPLY={}; return ;;\n", fmt::join(typed, "|"), reply);
  }
  return fmt::format("    {})\n"
                     "      case $prev in\n"
                     "{}"
                     "      esac\n"
                     "      options=\"{}\" ;;\n",
                     command.get_name(), values, joined(options));
}

// A bash completion script for every subcommand of `app` and its options.
std::string bash_completion(CLI::App& app)
{
  std::vector<std::string> commands;
  std::string cases;
  for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) {
    commands.push_back(command->get_name());
    cases += subcommand_case(*command);
  }
  return fmt::format(
    "# bash completion for carecast, written by `carecast completion bash`.\n"
    "_carecast()\n"
    "{{\n"
    "  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}} options\n"
    "  if (( COMP_CWORD == 1 )); then\n"
    "    COMPREPLY=($(compgen -W \"{} --help --version\" -- \"$cur\"))\n"
    "    return\n"
    "  fi\n"
    "  case ${{COMP_WORDS[1]}} in\n"
    "{}"
    "    *) return ;;\n"
    "  esac\n"
    "  if [[ $cur == -* ]]; then\n"
    "    COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
    "  else\n"
    "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
    "  fi\n"
    "}}\n"
    "complete -o filenames -F _carecast carecast\n",
    joined(commands), cases);
}

} // namespace

Command register_completion(CLI::App& app)
{
  auto shell = std::make_shared<std::string>();
  CLI::App* command =
    app.add_subcommand("completion", "Print a shell completion script for carecast");
  command->footer("Example:\n  source <(carecast completion bash)");
  command->add_option("shell", *shell, "Shell")->required()->check(CLI::IsMember({"bash"}));
  return {command, [&app, shell](RunProvenance&) {
            write_to_stdout(bash_completion(app));
            return ExitCode::success;
          }};
}

} // namespace carecast::cli
