#pragma once

// What committing outputs (output_file.cpp) needs from the system, one file per system:
// file_system_posix.cpp and file_system_windows.cpp. Each function throws Error naming
// the output and the system's reason when it fails.

#include "carecast/output.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

namespace carecast::file_system {

// Shared by both systems, in output_file.cpp:

// Throws Error: `path` cannot be written, for `reason`.
[[noreturn]] void cannot_write(const std::filesystem::path& path, std::string_view reason);

// The folder `path` is in: "." for a bare name.
std::filesystem::path folder_of(const std::filesystem::path& path);

// Each system's own:

// A new private folder in `folder`, created exclusively with an unpredictable name, for
// `make` to write `target` in.
std::filesystem::path private_folder(const std::filesystem::path& target,
                                     const std::filesystem::path& folder);

// The name `make` writes `target` under in a private folder: on Windows an ASCII one, for
// libraries that open files by narrow name.
std::filesystem::path made_file_name(const std::filesystem::path& target);

// A file `make` wrote for `target`, given the permissions a new or replaced `target`
// should have.
void match_permissions(const std::filesystem::path& target, const std::filesystem::path& made);

// Writes `bytes` to a new temporary file beside `target` (created exclusively, never
// through a symlink, with an unpredictable name, and the permissions `target` should
// have), flushed to the disk. `created` is called with its path as soon as it exists.
void write_temporary(const std::filesystem::path& target, std::string_view bytes,
                     const std::function<void(const std::filesystem::path&)>& created);

// Moves the temporary file `from` over `target`, or to it when there is none.
void replace(const std::filesystem::path& from, const std::filesystem::path& target);

// Appends `bytes` to the existing `target` (a device, a pipe), without replacing it;
// appended where the target is a regular file, as a shell's >> would.
void write_into(const std::filesystem::path& target, std::string_view bytes);

// Removes a listed temporary file or (empty) folder; safe in a signal or console handler.
void remove_listed(const std::filesystem::path::value_type* path, bool folder);

// An exclusive lock on a folder, between processes, held while a set of files is moved
// into it.
class FolderLock
{
public:
  explicit FolderLock(const std::filesystem::path& folder);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

private:
  std::intptr_t m_handle;
};

} // namespace carecast::file_system

namespace carecast {

// Removes every temporary file and folder being written: for the handlers that
// prepare_output installs (Ctrl+C, SIGTERM, closing the console).
void remove_listed_temporaries();

} // namespace carecast
