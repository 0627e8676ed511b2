#pragma once

// A scratch directory for tests that write files.

#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;

// A fresh directory under the system's temporary directory, removed at the end.
class TempDir
{
public:
  TempDir()
  {
    std::random_device random;
    m_path = fs::temp_directory_path()
             / ("carecast_test_" + std::to_string(random()) + "_" + std::to_string(random()));
    fs::create_directories(m_path);
  }
  ~TempDir()
  {
    std::error_code ignored;
    fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return m_path; }

  // The names of the directory's entries.
  std::vector<std::string> entries() const
  {
    std::vector<std::string> names;
    for (const fs::directory_entry& entry : fs::directory_iterator(m_path)) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

private:
  fs::path m_path;
};

