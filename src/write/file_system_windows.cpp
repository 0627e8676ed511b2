// The Windows side of committing outputs (file_system.hpp), and standard output: a
// temporary written whole and flushed beside its target, then ReplaceFileW over an
// existing target (which keeps its attributes and permissions) or MoveFileExW onto a new
// one with the write flushed through; a named mutex for the folder lock; temporaries
// removed on Ctrl+C, Ctrl+Break and when the console closes.

#include "file_system.hpp"

#include <algorithm>
#include <array>
#include <cwctype>
#include <fmt/format.h>
#include <random>
#include <windows.h>

namespace carecast {
namespace {

namespace fs = std::filesystem;

std::string system_message(DWORD error)
{
  std::array<wchar_t, 512> text{};
  const DWORD size =
    FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr, error, 0,
                   text.data(), static_cast<DWORD>(text.size()), nullptr);
  std::string message = fs::path(std::wstring(text.data(), size)).string();
  while (!message.empty()
         && (message.back() == '\n' || message.back() == '\r' || message.back() == ' '
             || message.back() == '.')) {
    message.pop_back();
  }
  return message.empty() ? fmt::format("system error {}", error) : message;
}

// Whether another program holds `path` open without letting it be deleted, so that it
// cannot be replaced, as Excel does with the workbooks and CSV files it shows.
bool open_elsewhere(const fs::path& path)
{
  const HANDLE handle =
    CreateFileW(path.c_str(), DELETE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (handle != INVALID_HANDLE_VALUE) {
    CloseHandle(handle);
    return false;
  }
  return GetLastError() == ERROR_SHARING_VIOLATION || GetLastError() == ERROR_LOCK_VIOLATION;
}

[[noreturn]] void cannot_write(const fs::path& path, DWORD error)
{
  if (error == ERROR_SHARING_VIOLATION || error == ERROR_LOCK_VIOLATION
      || error == ERROR_UNABLE_TO_REMOVE_REPLACED
      || (error == ERROR_ACCESS_DENIED && open_elsewhere(path))) {
    file_system::cannot_write(path, "another program has it open (if it is open in Excel, "
                                    "close it in Excel and run again)");
  }
  file_system::cannot_write(path, system_message(error));
}

// A handle closed when it goes out of scope.
class Handle
{
public:
  explicit Handle(HANDLE handle)
    : m_handle(handle)
  {}
  ~Handle()
  {
    if (valid()) {
      CloseHandle(m_handle);
    }
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  bool valid() const { return m_handle != INVALID_HANDLE_VALUE && m_handle != nullptr; }
  HANDLE get() const { return m_handle; }

private:
  HANDLE m_handle;
};

void write_all(HANDLE handle, std::string_view bytes, const fs::path& path)
{
  while (!bytes.empty()) {
    DWORD written = 0;
    const auto chunk = static_cast<DWORD>(std::min<std::size_t>(bytes.size(), 1 << 30));
    if (!WriteFile(handle, bytes.data(), chunk, &written, nullptr)) {
      cannot_write(path, GetLastError());
    }
    bytes.remove_prefix(written);
  }
}

// Runs `create` on new names in `folder`, made of `stem`, eight random hexadecimal
// digits and `suffix`, until one did not exist yet; returns that name.
template <typename Create>
fs::path create_fresh(const fs::path& target, const fs::path& folder, const std::wstring& stem,
                      const std::wstring& suffix, const Create& create)
{
  static std::mt19937_64 random{std::random_device{}()};
  for (int attempt = 0; attempt < 100; ++attempt) {
    const fs::path digits = fmt::format("{:08x}", random() & 0xffffffffu);
    const fs::path name = folder / (stem + digits.native() + suffix);
    if (create(name)) {
      return name;
    }
    if (GetLastError() != ERROR_FILE_EXISTS && GetLastError() != ERROR_ALREADY_EXISTS) {
      cannot_write(target, GetLastError());
    }
  }
  cannot_write(target, ERROR_FILE_EXISTS);
}

BOOL WINAPI on_console_event(DWORD)
{
  remove_listed_temporaries();
  return FALSE; // then Windows ends the process as it would have
}

// The names Windows keeps for devices, in any folder and with any extension.
bool device_name(const fs::path& path)
{
  std::wstring stem = path.stem().wstring();
  std::transform(stem.begin(), stem.end(), stem.begin(),
                 [](wchar_t character) { return static_cast<wchar_t>(std::towupper(character)); });
  static const std::array<std::wstring, 4> k_devices{L"NUL", L"CON", L"PRN", L"AUX"};
  if (std::find(k_devices.begin(), k_devices.end(), stem) != k_devices.end()) {
    return true;
  }
  return stem.size() == 4 && (stem.starts_with(L"COM") || stem.starts_with(L"LPT"))
         && stem[3] >= L'1' && stem[3] <= L'9';
}

// The folder lock's mutex: named after the folder's full path in lower case, as
// Windows compares names.
std::wstring mutex_name(const fs::path& folder)
{
  std::error_code error;
  const std::wstring text = fs::absolute(folder, error).lexically_normal().native();
  std::uint64_t hash = 14695981039346656037ull; // FNV-1a
  for (const wchar_t character : text) {
    hash = (hash ^ static_cast<std::uint64_t>(std::towlower(character))) * 1099511628211ull;
  }
  return fs::path(fmt::format("Local\\carecast-folder-{:016x}", hash)).native();
}

} // namespace

namespace file_system {

fs::path private_folder(const fs::path& target, const fs::path& folder)
{
  return create_fresh(target, folder, L".carecast-", L".tmp", [](const fs::path& name) {
    return CreateDirectoryW(name.c_str(), nullptr) != 0;
  });
}

fs::path made_file_name(const fs::path& target)
{
  return L"output" + target.extension().wstring();
}

void match_permissions(const fs::path&, const fs::path&) {}

void write_temporary(const fs::path& target, std::string_view bytes,
                     const std::function<void(const fs::path&)>& created)
{
  HANDLE handle = INVALID_HANDLE_VALUE;
  const fs::path path = create_fresh(
    target, folder_of(target), target.filename().wstring() + L".tmp", L"",
    [&handle](const fs::path& name) {
      handle = CreateFileW(name.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW,
                           FILE_ATTRIBUTE_NORMAL, nullptr);
      return handle != INVALID_HANDLE_VALUE;
    });
  const Handle temporary(handle);
  created(path);
  write_all(temporary.get(), bytes, target);
  if (!FlushFileBuffers(temporary.get())) {
    carecast::cannot_write(target, GetLastError());
  }
}

void replace(const fs::path& from, const fs::path& target)
{
  // Asked first: ReplaceFileW may leave a file of its own behind when it fails.
  if (open_elsewhere(target)) {
    carecast::cannot_write(target, ERROR_SHARING_VIOLATION);
  }
  const bool exists = GetFileAttributesW(target.c_str()) != INVALID_FILE_ATTRIBUTES;
  if (exists
      && ReplaceFileW(target.c_str(), from.c_str(), nullptr, REPLACEFILE_IGNORE_MERGE_ERRORS,
                      nullptr, nullptr)) {
    return;
  }
  const DWORD replace_error = GetLastError();
  if (exists
      && (replace_error == ERROR_UNABLE_TO_REMOVE_REPLACED
          || replace_error == ERROR_SHARING_VIOLATION)) {
    carecast::cannot_write(target, replace_error);
  }
  // A new target, or a file system without ReplaceFileW (some network shares).
  if (!MoveFileExW(from.c_str(), target.c_str(),
                   MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
    carecast::cannot_write(target, GetLastError());
  }
}

void write_into(const fs::path& target, std::string_view bytes)
{
  const Handle file(CreateFileW(target.c_str(), FILE_APPEND_DATA,
                                FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING,
                                FILE_ATTRIBUTE_NORMAL, nullptr));
  if (!file.valid()) {
    carecast::cannot_write(target, GetLastError());
  }
  write_all(file.get(), bytes, target);
}

void remove_listed(const fs::path::value_type* path, bool folder)
{
  folder ? RemoveDirectoryW(path) : DeleteFileW(path);
}

FolderLock::FolderLock(const fs::path& folder)
  : m_handle(
    reinterpret_cast<std::intptr_t>(CreateMutexW(nullptr, FALSE, mutex_name(folder).c_str())))
{
  const auto mutex = reinterpret_cast<HANDLE>(m_handle);
  if (mutex == nullptr) {
    carecast::cannot_write(folder, GetLastError());
  }
  const DWORD waited = WaitForSingleObject(mutex, INFINITE);
  if (waited != WAIT_OBJECT_0 && waited != WAIT_ABANDONED) {
    const DWORD error = GetLastError();
    CloseHandle(mutex);
    carecast::cannot_write(folder, error);
  }
}

FolderLock::~FolderLock()
{
  const auto mutex = reinterpret_cast<HANDLE>(m_handle);
  ReleaseMutex(mutex);
  CloseHandle(mutex);
}

} // namespace file_system

bool writes_in_place(const fs::path& path)
{
  if (device_name(path) || path.native().starts_with(L"\\\\.\\")) {
    return true;
  }
  std::error_code error;
  const fs::file_status status = fs::symlink_status(path, error);
  return !error && fs::exists(status) && !fs::is_regular_file(status) && !fs::is_directory(status)
         && !fs::is_symlink(status);
}

void write_to_stdout(std::string_view text)
{
  const HANDLE output = GetStdHandle(STD_OUTPUT_HANDLE);
  while (!text.empty()) {
    DWORD written = 0;
    const auto chunk = static_cast<DWORD>(std::min<std::size_t>(text.size(), 1 << 20));
    if (!WriteFile(output, text.data(), chunk, &written, nullptr)) {
      const DWORD error = GetLastError();
      if (error == ERROR_NO_DATA || error == ERROR_BROKEN_PIPE) {
        throw StandardOutputClosed{};
      }
      throw Error(fmt::format("cannot write to standard output: {}", system_message(error)));
    }
    text.remove_prefix(written);
  }
}

void prepare_output()
{
  SetConsoleCtrlHandler(on_console_event, TRUE);
}

} // namespace carecast
