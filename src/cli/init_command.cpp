#include "common.hpp"

#include "carecast/starter.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>

namespace carecast::cli {
namespace {

struct InitOptions
{
  std::string file;
  bool force = false;
};

// A dangling symbolic link counts as existing: replacing it would be as surprising as
// replacing a file. A path that cannot be checked is left to the write to report.
bool path_taken(const std::string& path)
{
  std::error_code ignored;
  return std::filesystem::exists(std::filesystem::symlink_status(path, ignored));
}

ExitCode run_init(const InitOptions& options)
{
  // A scenario someone has edited is worth more than a starter, so refuse by default.
  if (!options.force && path_taken(options.file)) {
    throw UsageError(fmt::format("{} already exists; use --force to replace it", options.file));
  }
  write_file_atomically(options.file, std::string(starter_scenario()));
  write_to_stdout(fmt::format("wrote {}: edit it, then run 'carecast compare {}'\n", options.file,
                              options.file));
  return ExitCode::success;
}

} // namespace

Command register_init(CLI::App& app)
{
  auto options = std::make_shared<InitOptions>();
  CLI::App* command =
    app.add_subcommand("init", "Write a commented starter scenario that runs as written");
  command->footer("Example:\n  carecast init my_council.toml && carecast compare my_council.toml");
  command->add_option("file", options->file, "Scenario file (TOML) to write")->required();
  command->add_flag("--force", options->force, "Replace the file if it already exists");
  return {command,
          [options](RunProvenance&) { return run_init(*options); }};
}

} // namespace carecast::cli
