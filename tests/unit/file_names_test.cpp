#include "carecast/file_names.hpp"

#include <doctest/doctest.h>

using carecast::file_beside;
using carecast::file_path;

TEST_CASE("a file name in UTF-8 names the same file and reads back the same")
{
  // "Zürich/données.toml" in UTF-8: on Windows the ANSI code page would spell ü and é
  // as two characters each.
  const std::string name = "Z\xC3\xBCrich/donn\xC3\xA9\x65s.toml";
  CHECK(file_path(name).string() == name);
  CHECK(file_path(name).filename().u8string() == u8"donn\u00e9es.toml");
  CHECK(file_path(name).parent_path().u8string() == u8"Z\u00fcrich");
}

TEST_CASE("extends names a file beside the file that says it")
{
  CHECK(file_beside("scenarios/variant.toml", "dcst_2022.toml") == "scenarios/dcst_2022.toml");
  CHECK(file_beside("variant.toml", "dcst_2022.toml") == "dcst_2022.toml");
  CHECK(file_beside("tests/broken/typo.toml", "../../scenarios/dcst_2022.toml")
        == "scenarios/dcst_2022.toml");
  CHECK(file_beside("a/b/c.toml", "./d.toml") == "a/b/d.toml");
}

TEST_CASE("extends written with backslashes, as on Windows, works on every system")
{
  CHECK(file_beside("tests/broken/typo.toml", "..\\..\\scenarios\\dcst_2022.toml")
        == "scenarios/dcst_2022.toml");
}

TEST_CASE("extends is named with the separator the user wrote the file's name with")
{
#ifdef _WIN32
  CHECK(file_beside("tests\\broken\\typo.toml", "../../scenarios/dcst_2022.toml")
        == "scenarios\\dcst_2022.toml");
  CHECK(file_beside("C:\\budgets\\variant.toml", "base.toml") == "C:\\budgets\\base.toml");
#else
  // On Linux a backslash is part of a name, so this file is in the current folder and
  // its name is spelled with the backslashes it has.
  CHECK(file_beside("typo\\x.toml", "base.toml") == "base.toml");
#endif
  CHECK(file_beside("scenarios/variant.toml", "..\\base.toml") == "base.toml");
}
