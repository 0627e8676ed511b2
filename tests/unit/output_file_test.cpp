#include "carecast/diagnostic.hpp"
#include "carecast/file_names.hpp"
#include "carecast/output.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>
#ifdef _WIN32
#include <windows.h>
#endif

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

TEST_CASE("when one file of a pair cannot be written, neither target changes")
{
  const TempDir dir;
  const fs::path target = dir.path() / "out.csv";
  const fs::path record = dir.path() / "out.csv.meta.json";
  write(target, "old content\n");
  fs::create_directories(record / "inside"); // the record's place is taken
  CHECK_THROWS_AS(carecast::write_files({{target, "new content\n", {}}, {record, "{}\n", {}}}),
                  carecast::Error);
  CHECK(read(target) == "old content\n");
  CHECK(fs::is_directory(record / "inside"));
  CHECK(dir.entries() == std::vector<std::string>{"out.csv", "out.csv.meta.json"});
}

TEST_CASE("a file made by a function is committed whole, and removed when the function fails")
{
  const TempDir dir;
  const fs::path target = dir.path() / "book.xlsx";
  write(target, "old workbook\n");
  const auto failing = [](const fs::path& path) {
    write(path, "half a workbook");
    throw carecast::Error("the library failed");
  };
  CHECK_THROWS_AS(carecast::write_files({{target, {}, failing}}), carecast::Error);
  CHECK(read(target) == "old workbook\n");
  CHECK(dir.entries() == std::vector<std::string>{"book.xlsx"}); // its private folder gone
  carecast::write_files({{target, {}, [](const fs::path& path) { write(path, "new workbook\n"); }}});
  CHECK(read(target) == "new workbook\n");
  CHECK(dir.entries() == std::vector<std::string>{"book.xlsx"});
}

#ifdef _WIN32
TEST_CASE("a device is written in place, not replaced, and a regular file or directory is not")
{
  const TempDir dir;
  CHECK(carecast::writes_in_place("NUL"));
  CHECK(carecast::writes_in_place(dir.path() / "nul.csv")); // a device in any folder
  CHECK(carecast::writes_in_place("CON"));
  CHECK(carecast::writes_in_place("COM1"));
  CHECK_FALSE(carecast::writes_in_place(dir.path() / "COM10"));
  write(dir.path() / "file", "x");
  CHECK_FALSE(carecast::writes_in_place(dir.path() / "file"));
  CHECK_FALSE(carecast::writes_in_place(dir.path()));
  CHECK_FALSE(carecast::writes_in_place(dir.path() / "absent"));
  write_file_atomically("NUL", "discarded\n");
}

TEST_CASE("a file another program holds open is reported so, and kept as it was")
{
  const TempDir dir;
  const fs::path target = dir.path() / "report.xlsx";
  write(target, "old workbook\n");
  // Excel opens the files it shows without sharing them for deletion.
  const HANDLE held = CreateFileW(target.c_str(), GENERIC_READ, 0, nullptr, OPEN_EXISTING,
                                  FILE_ATTRIBUTE_NORMAL, nullptr);
  REQUIRE(held != INVALID_HANDLE_VALUE);
  std::string message;
  try {
    write_file_atomically(target, "new workbook\n");
  } catch (const carecast::Error& error) {
    message = error.what();
  }
  CloseHandle(held);
  CHECK(message.find("report.xlsx") != std::string::npos);
  CHECK(message.find("close it in Excel and run again") != std::string::npos);
  CHECK(read(target) == "old workbook\n");
  CHECK(dir.entries() == std::vector<std::string>{"report.xlsx"});
}

TEST_CASE("a file whose name is not ASCII is written and replaced")
{
  const TempDir dir;
  const fs::path target = dir.path() / carecast::file_path("donn\xC3\xA9\x65s_\xE2\x82\xAC.csv");
  write_file_atomically(target, "first\n");
  write_file_atomically(target, "second\n");
  CHECK(read(target) == "second\n");
  CHECK(dir.entries() == std::vector<std::string>{"donn\xC3\xA9\x65s_\xE2\x82\xAC.csv"});
}
#else
TEST_CASE("a FIFO is written in place, not replaced, and a regular file or directory is not")
{
  const TempDir dir;
  const fs::path fifo = dir.path() / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(carecast::writes_in_place(fifo));
  CHECK(carecast::writes_in_place("/dev/null"));
  CHECK(carecast::writes_in_place("/dev/stdout"));
  write(dir.path() / "file", "x");
  CHECK_FALSE(carecast::writes_in_place(dir.path() / "file"));
  CHECK_FALSE(carecast::writes_in_place(dir.path()));
  CHECK_FALSE(carecast::writes_in_place(dir.path() / "absent"));
  fs::create_symlink("file", dir.path() / "link");
  CHECK_FALSE(carecast::writes_in_place(dir.path() / "link")); // replaced, not followed
}
#endif

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
