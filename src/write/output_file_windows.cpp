// Committing outputs to files and standard output on Windows, by the rules of write_files
// in output.hpp, with the Windows API: a temporary written whole and flushed beside its
// target, then ReplaceFileW over an existing target (which keeps its attributes and
// permissions) or MoveFileExW onto a new one, both with the write flushed through; a
// folder lock through a named mutex; temporaries removed on Ctrl+C, Ctrl+Break and when
// the console closes.

#include "carecast/output.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <cwctype>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
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
    throw Error(fmt::format("cannot write '{}': another program has it open (if it is open in "
                            "Excel, close it in Excel and run again)",
                            path.string()));
  }
  throw Error(fmt::format("cannot write '{}': {}", path.string(), system_message(error)));
}

// The temporary files and folders being written, for the console handler to remove:
// fixed slots, as the handler runs on a thread of its own while the program goes on.
constexpr std::size_t k_slots = 64;
constexpr std::size_t k_path_characters = 32768;

struct Slot
{
  std::atomic<bool> claimed{false};
  std::atomic<bool> written{false}; // `path` holds a temporary's path
  bool folder = false;
  std::array<wchar_t, k_path_characters> path{};
};

std::array<Slot, k_slots> g_temporaries;

// Ctrl+C, Ctrl+Break, closing the console, logging off: the temporaries go, files first,
// then the folders they are in; then Windows ends the process as it would have.
BOOL WINAPI remove_temporaries(DWORD)
{
  for (const bool folders : {false, true}) {
    for (Slot& slot : g_temporaries) {
      if (slot.written.load() && slot.folder == folders) {
        folders ? RemoveDirectoryW(slot.path.data()) : DeleteFileW(slot.path.data());
      }
    }
  }
  return FALSE;
}

// A temporary file or folder listed in a slot while it exists. More at once than there
// are slots are written all the same, unlisted.
class ListedTemporary
{
public:
  ListedTemporary(const fs::path& path, bool folder)
  {
    const std::wstring& text = path.native();
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

std::string read_file(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    cannot_write(path, ERROR_READ_FAULT);
  }
  return bytes;
}

// A new name in `folder`, unpredictable, made of `stem`, eight hexadecimal digits and
// `suffix` (ASCII, so that a library that opens files by narrow name can open it).
fs::path fresh_name(const fs::path& folder, const std::wstring& stem, const std::wstring& suffix)
{
  static std::mt19937_64 random{std::random_device{}()};
  const fs::path digits = fmt::format("{:08x}", random() & 0xffffffffu);
  return folder / (stem + digits.native() + suffix);
}

// Runs `create` on fresh names until one does not exist yet.
template <typename Create>
fs::path create_fresh(const fs::path& target, const fs::path& folder, const std::wstring& stem,
                      const std::wstring& suffix, const Create& create)
{
  for (int attempt = 0; attempt < 100; ++attempt) {
    const fs::path name = fresh_name(folder, stem, suffix);
    if (create(name)) {
      return name;
    }
    if (GetLastError() != ERROR_FILE_EXISTS && GetLastError() != ERROR_ALREADY_EXISTS) {
      cannot_write(target, GetLastError());
    }
  }
  cannot_write(target, ERROR_FILE_EXISTS);
}

// A private folder for `make`, in `folder`, with an ASCII name.
fs::path make_folder(const fs::path& target, const fs::path& folder)
{
  return create_fresh(target, folder, L".carecast-", L".tmp", [](const fs::path& name) {
    return CreateDirectoryW(name.c_str(), nullptr) != 0;
  });
}

fs::path folder_of(const fs::path& path)
{
  return path.parent_path().empty() ? fs::path(".") : path.parent_path();
}

// `bytes`, or what `make` writes to a private temporary folder, written into the existing
// target `path` (a device such as NUL or CON, a named pipe) without replacing it.
void write_in_place(const OutputFile& file)
{
  std::string bytes = file.bytes;
  if (file.make) {
    const fs::path folder = make_folder(file.path, fs::temp_directory_path());
    const fs::path inside = folder / L"output";
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
  const Handle target(CreateFileW(file.path.c_str(), FILE_APPEND_DATA,
                                  FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING,
                                  FILE_ATTRIBUTE_NORMAL, nullptr));
  if (!target.valid()) {
    cannot_write(file.path, GetLastError());
  }
  write_all(target.get(), bytes, file.path);
}

// A file written whole beside its target, waiting to replace it; removed when it does not.
class Temporary
{
public:
  explicit Temporary(const OutputFile& file)
    : m_target(file.path)
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
    // Asked first: ReplaceFileW may leave a file of its own behind when it fails.
    if (open_elsewhere(m_target)) {
      cannot_write(m_target, ERROR_SHARING_VIOLATION);
    }
    const DWORD attributes = GetFileAttributesW(m_target.c_str());
    if (attributes != INVALID_FILE_ATTRIBUTES
        && ReplaceFileW(m_target.c_str(), m_path.c_str(), nullptr, REPLACEFILE_IGNORE_MERGE_ERRORS,
                        nullptr, nullptr)) {
      m_committed = true;
      return;
    }
    const DWORD replace_error = GetLastError();
    if (attributes != INVALID_FILE_ATTRIBUTES
        && (replace_error == ERROR_UNABLE_TO_REMOVE_REPLACED
            || replace_error == ERROR_SHARING_VIOLATION)) {
      cannot_write(m_target, replace_error);
    }
    // A new target, or a file system without ReplaceFileW (some network shares).
    if (!MoveFileExW(m_path.c_str(), m_target.c_str(),
                     MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
      cannot_write(m_target, GetLastError());
    }
    m_committed = true;
  }

private:
  void write(const OutputFile& file)
  {
    const fs::path folder = folder_of(file.path);
    if (file.make) {
      m_folder = make_folder(file.path, folder);
      m_listed_folder.emplace(m_folder, true);
      m_path = m_folder / (L"output" + file.path.extension().wstring());
      m_listed.emplace(m_path, false);
      file.make(m_path);
      return;
    }
    HANDLE handle = INVALID_HANDLE_VALUE;
    m_path = create_fresh(file.path, folder, file.path.filename().wstring() + L".tmp", L"",
                          [&handle](const fs::path& name) {
                            handle = CreateFileW(name.c_str(), GENERIC_WRITE, 0, nullptr,
                                                 CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
                            return handle != INVALID_HANDLE_VALUE;
                          });
    m_listed.emplace(m_path, false);
    const Handle temporary(handle);
    write_all(temporary.get(), file.bytes, file.path);
    if (!FlushFileBuffers(temporary.get())) {
      cannot_write(file.path, GetLastError());
    }
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

// An exclusive lock on a folder, held while a set of files is moved into it: a mutex
// named after the folder's full path, in lower case, as Windows compares names.
class FolderLock
{
public:
  explicit FolderLock(const fs::path& folder)
    : m_mutex(CreateMutexW(nullptr, FALSE, name(folder).c_str()))
  {
    if (!m_mutex.valid()) {
      cannot_write(folder, GetLastError());
    }
    const DWORD waited = WaitForSingleObject(m_mutex.get(), INFINITE);
    if (waited != WAIT_OBJECT_0 && waited != WAIT_ABANDONED) {
      cannot_write(folder, GetLastError());
    }
  }
  ~FolderLock() { ReleaseMutex(m_mutex.get()); }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

private:
  static std::wstring name(const fs::path& folder)
  {
    std::error_code error;
    std::wstring text = fs::absolute(folder, error).lexically_normal().native();
    std::uint64_t hash = 14695981039346656037ull; // FNV-1a
    for (const wchar_t character : text) {
      hash = (hash ^ static_cast<std::uint64_t>(std::towlower(character))) * 1099511628211ull;
    }
    return fs::path(fmt::format("Local\\carecast-folder-{:016x}", hash)).native();
  }

  Handle m_mutex;
};

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

} // namespace

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

void write_files(const std::vector<OutputFile>& files)
{
  std::vector<const OutputFile*> replaced;
  for (const OutputFile& file : files) {
    std::error_code error;
    if (fs::is_directory(file.path, error)) {
      throw Error(fmt::format("cannot write '{}': {}", file.path.string(), std::strerror(EISDIR)));
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
  const FolderLock lock(folder_of(replaced.front()->path));
  for (const auto& temporary : temporaries) {
    temporary->commit();
  }
}

void write_file_atomically(const fs::path& path, const std::string& bytes)
{
  write_files({{path, bytes, {}}});
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
  SetConsoleCtrlHandler(remove_temporaries, TRUE);
}

} // namespace carecast
