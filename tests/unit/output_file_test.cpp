#include "carecast/diagnostic.hpp"
#include "carecast/writers.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using carecast::write_file_atomically;

namespace {

std::string read(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& path, const std::string& content)
{
  std::ofstream(path, std::ios::binary) << content;
}

} // namespace

TEST_CASE("write_file_atomically writes the content exactly")
{
  const TempDir dir;
  const fs::path target = dir.path() / "out.csv";
  const std::string content = "scenario,option\n\xC2\xA3m,\"a\r\nb\"\n"; // bytes kept as given
  write_file_atomically(target, content);
  CHECK(read(target) == content);
}

TEST_CASE("write_file_atomically writes an empty file")
{
  const TempDir dir;
  const fs::path target = dir.path() / "empty.txt";
  write_file_atomically(target, "");
  CHECK(fs::exists(target));
  CHECK(fs::file_size(target) == 0);
}

TEST_CASE("write_file_atomically replaces an existing file whole")
{
  const TempDir dir;
  const fs::path target = dir.path() / "out.csv";
  write(target, std::string(1000, 'x'));
  write_file_atomically(target, "short\n");
  // Not the first bytes overwritten in place: the old tail is gone.
  CHECK(read(target) == "short\n");
}

TEST_CASE("write_file_atomically leaves no temporary file behind")
{
  const TempDir dir;
  const fs::path target = dir.path() / "out.json";
  write_file_atomically(target, "{}\n");
  write_file_atomically(target, "{\"again\": 1}\n");
  CHECK(dir.entries() == std::vector<std::string>{"out.json"});
}

TEST_CASE("write_file_atomically throws carecast::Error for a directory that does not exist")
{
  const TempDir dir;
  const fs::path target = dir.path() / "no_such_directory" / "out.csv";
  CHECK_THROWS_AS(write_file_atomically(target, "data\n"), carecast::Error);
  CHECK_FALSE(fs::exists(target));
  CHECK_FALSE(fs::exists(dir.path() / "no_such_directory"));
  CHECK(dir.entries().empty());
  // The message names the file.
  try {
    write_file_atomically(target, "data\n");
  } catch (const carecast::Error& error) {
    CHECK(std::string(error.what()).find("out.csv") != std::string::npos);
  }
}

TEST_CASE("when the write fails an existing file is left untouched")
{
  const TempDir dir;
  const fs::path target = dir.path() / "out.csv";
  write(target, "old content\n");
  // Block the temporary file beside the target. The writer names it after the target
  // and the process id (src/write/output_file.cpp); a non-empty directory of that name
  // can be neither opened as a file nor removed, so the write must fail. Unlike a
  // read-only directory, this also fails when the tests run as root.
  const fs::path blocker = fs::path(target.string() + ".tmp" + std::to_string(::getpid()));
  fs::create_directories(blocker / "inside");
  CHECK_THROWS_AS(write_file_atomically(target, "new content\n"), carecast::Error);
  CHECK(read(target) == "old content\n");
  CHECK(fs::is_directory(blocker / "inside")); // not ours to delete
}

TEST_CASE("a target that is a directory fails with carecast::Error and leaves nothing behind")
{
  const TempDir dir;
  const fs::path target = dir.path() / "taken";
  fs::create_directories(target / "inside");
  CHECK_THROWS_AS(write_file_atomically(target, "data\n"), carecast::Error);
  CHECK(fs::is_directory(target / "inside"));
  CHECK(dir.entries() == std::vector<std::string>{"taken"}); // the temporary file removed
}

TEST_CASE("a read-only directory fails with carecast::Error and leaves the existing file")
{
  const TempDir dir;
  const fs::path target = dir.path() / "out.csv";
  write(target, "old content\n");
  fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec);
  // Root ignores directory permissions: probe with a file of our own first.
  const bool enforced = !std::ofstream(dir.path() / "probe");
  bool threw = false;
  try {
    write_file_atomically(target, "new content\n");
  } catch (const carecast::Error&) {
    threw = true;
  }
  fs::permissions(dir.path(), fs::perms::owner_all, fs::perm_options::add);
  std::error_code ignored;
  fs::remove(dir.path() / "probe", ignored);
  if (enforced) {
    CHECK(threw);
  } else {
    MESSAGE("directory permissions are not enforced (running as root?)");
  }
  // Either way the file is whole, old or new, and no temporary file is left.
  CHECK(read(target) == (threw ? "old content\n" : "new content\n"));
  CHECK(dir.entries() == std::vector<std::string>{"out.csv"});
}

TEST_CASE("an output file's extension implies csv, json or xlsx in any case, and nothing else")
{
  using carecast::output_format_of;
  CHECK(output_format_of("results/transfer.csv") == "csv");
  CHECK(output_format_of("compare.JSON") == "json");
  CHECK(output_format_of("/tmp/dcst.Xlsx") == "xlsx");
  CHECK(output_format_of("report.txt").empty());
  CHECK(output_format_of("no_extension").empty());
  CHECK(output_format_of("csv").empty()); // a name, not an extension
  CHECK(output_format_of("-").empty());
  CHECK(output_format_of("/dev/null").empty());
  CHECK(output_format_of("archive.csv.gz").empty());
}
