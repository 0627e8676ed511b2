// Committing outputs to files without ever damaging a file: see write_files in output.hpp
// for the rules. What differs between systems is in file_system_posix.cpp and
// file_system_windows.cpp.

#include "carecast/output.hpp"

#include "file_system.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>

namespace carecast {
namespace {

namespace fs = std::filesystem;

// The temporary files and folders being written, for the signal or console handler to
// remove: fixed slots of plain characters, as a handler may only read memory and call
// functions safe there.
constexpr std::size_t k_slots = 64;
constexpr std::size_t k_path_characters = 4096;

struct Slot
{
  std::atomic<bool> claimed{false};
  std::atomic<bool> written{false}; // `path` holds a temporary's path
  bool folder = false;
  std::array<fs::path::value_type, k_path_characters> path{};
};

std::array<Slot, k_slots> g_temporaries;

// A temporary file or folder listed in a slot while it exists. A path too long for a
// slot, or more at once than there are slots, is written all the same, unlisted.
class ListedTemporary
{
public:
  ListedTemporary(const fs::path& path, bool folder)
  {
    const fs::path::string_type& text = path.native();
    if (text.size() >= k_path_characters) {
      return;
    }
    for (Slot& slot : g_temporaries) {
      bool expected = false;
      if (slot.claimed.compare_exchange_strong(expected, true)) {
        slot.folder = folder;
        std::copy(text.c_str(), text.c_str() + text.size() + 1, slot.path.data());
        slot.written.store(true);
        m_slot = &slot;
        return;
      }
    }
  }
  ~ListedTemporary()
  {
    if (m_slot) {
      m_slot->written.store(false);
      m_slot->claimed.store(false);
    }
  }
  ListedTemporary(const ListedTemporary&) = delete;
  ListedTemporary& operator=(const ListedTemporary&) = delete;

private:
  Slot* m_slot = nullptr;
};

std::string read_file(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    file_system::cannot_write(path, std::strerror(EIO));
  }
  return bytes;
}

// `bytes`, or what `make` writes to a private temporary folder, written into the
// existing target `path` (a device, a FIFO, a file descriptor) without replacing it.
void write_in_place(const OutputFile& file)
{
  std::string bytes = file.bytes;
  if (file.make) {
    const fs::path folder = file_system::private_folder(file.path, fs::temp_directory_path());
    const fs::path inside = folder / file_system::made_file_name(file.path);
    const ListedTemporary listed_folder(folder, true);
    const ListedTemporary listed_file(inside, false);
    try {
      file.make(inside);
      bytes = read_file(inside);
    } catch (...) {
      std::error_code ignored;
      fs::remove_all(folder, ignored);
      throw;
    }
    std::error_code ignored;
    fs::remove_all(folder, ignored);
  }
  file_system::write_into(file.path, bytes);
}

// A file written whole beside its target, waiting to replace it; removed when it does
// not.
class Temporary
{
public:
  explicit Temporary(const OutputFile& file) : m_target(file.path)
  {
    try {
      write(file);
    } catch (...) {
      remove();
      throw;
    }
  }
  ~Temporary() { remove(); }
  Temporary(const Temporary&) = delete;
  Temporary& operator=(const Temporary&) = delete;

  void commit()
  {
    file_system::replace(m_path, m_target);
    m_committed = true;
  }

private:
  void write(const OutputFile& file)
  {
    if (file.make) {
      m_folder = file_system::private_folder(file.path, file_system::folder_of(file.path));
      m_listed_folder.emplace(m_folder, true);
      m_path = m_folder / file_system::made_file_name(file.path);
      m_listed.emplace(m_path, false);
      file.make(m_path);
      file_system::match_permissions(file.path, m_path);
      return;
    }
    file_system::write_temporary(file.path, file.bytes, [this](const fs::path& created) {
      m_path = created;
      m_listed.emplace(m_path, false);
    });
  }

  void remove()
  {
    std::error_code ignored;
    if (!m_committed && !m_path.empty()) {
      fs::remove(m_path, ignored);
    }
    if (!m_folder.empty()) {
      fs::remove_all(m_folder, ignored);
    }
  }

  fs::path m_target;
  fs::path m_folder; // for `make`: the private folder m_path is in
  fs::path m_path;
  bool m_committed = false;
  // Declared last, so that the slots are released after the files are removed.
  std::optional<ListedTemporary> m_listed_folder;
  std::optional<ListedTemporary> m_listed;
};

} // namespace

namespace file_system {

void cannot_write(const fs::path& path, std::string_view reason)
{
  throw Error(fmt::format("cannot write '{}': {}", path.string(), reason));
}

fs::path folder_of(const fs::path& path)
{
  return path.parent_path().empty() ? fs::path(".") : path.parent_path();
}

} // namespace file_system

void remove_listed_temporaries()
{
  // Files first, then the folders they may be in.
  for (const bool folders : {false, true}) {
    for (Slot& slot : g_temporaries) {
      if (slot.written.load() && slot.folder == folders) {
        file_system::remove_listed(slot.path.data(), folders);
      }
    }
  }
}

void write_files(const std::vector<OutputFile>& files)
{
  std::vector<const OutputFile*> replaced;
  for (const OutputFile& file : files) {
    std::error_code error;
    if (fs::symlink_status(file.path, error).type() == fs::file_type::directory) {
      file_system::cannot_write(file.path, std::strerror(EISDIR));
    }
    if (writes_in_place(file.path)) {
      write_in_place(file);
    } else {
      replaced.push_back(&file);
    }
  }
  if (replaced.empty()) {
    return;
  }
  std::vector<std::unique_ptr<Temporary>> temporaries;
  for (const OutputFile* file : replaced) {
    temporaries.push_back(std::make_unique<Temporary>(*file));
  }
  const file_system::FolderLock lock(file_system::folder_of(replaced.front()->path));
  for (const auto& temporary : temporaries) {
    temporary->commit();
  }
}

void write_file_atomically(const fs::path& path, const std::string& bytes)
{
  write_files({{path, bytes, {}}});
}

} // namespace carecast
