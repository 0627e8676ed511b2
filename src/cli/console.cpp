#include "console.hpp"

#ifdef _WIN32
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <io.h>
#include <windows.h>
#else
#include <sys/ioctl.h>
#include <unistd.h>
#endif

namespace carecast::cli {

#ifdef _WIN32

namespace {

bool g_colour = false;
UINT g_code_page = 0; // the console's own, given back when carecast ends

// A console, not a file, a pipe or NUL (for which _isatty is also true).
bool is_console(DWORD stream)
{
  DWORD mode = 0;
  return GetConsoleMode(GetStdHandle(stream), &mode) != 0;
}

std::string utf8(const wchar_t* text)
{
  const int size = WideCharToMultiByte(CP_UTF8, 0, text, -1, nullptr, 0, nullptr, nullptr);
  std::string bytes(static_cast<std::size_t>(size > 0 ? size : 1), '\0');
  WideCharToMultiByte(CP_UTF8, 0, text, -1, bytes.data(), size, nullptr, nullptr);
  bytes.resize(bytes.size() - 1);
  return bytes;
}

} // namespace

void prepare_console()
{
  _setmode(_fileno(stdout), _O_BINARY);
  _setmode(_fileno(stderr), _O_BINARY);
  g_code_page = GetConsoleOutputCP();
  if (g_code_page != 0 && SetConsoleOutputCP(CP_UTF8)) {
    std::atexit([] { SetConsoleOutputCP(g_code_page); });
  }
  const HANDLE output = GetStdHandle(STD_OUTPUT_HANDLE);
  DWORD mode = 0;
  g_colour = GetConsoleMode(output, &mode) != 0
             && SetConsoleMode(output, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0;
  const HANDLE errors = GetStdHandle(STD_ERROR_HANDLE);
  if (GetConsoleMode(errors, &mode) != 0) {
    SetConsoleMode(errors, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
  }
}

std::vector<std::string> utf8_arguments(int argc, char** argv)
{
  int count = 0;
  wchar_t** wide = CommandLineToArgvW(GetCommandLineW(), &count);
  if (wide == nullptr || count != argc) {
    LocalFree(wide);
    return {argv, argv + argc};
  }
  std::vector<std::string> arguments;
  for (int i = 0; i < count; ++i) {
    arguments.push_back(utf8(wide[i]));
  }
  LocalFree(wide);
  return arguments;
}

bool stdout_is_terminal()
{
  return is_console(STD_OUTPUT_HANDLE);
}

bool stderr_is_terminal()
{
  return is_console(STD_ERROR_HANDLE);
}

int terminal_columns()
{
  CONSOLE_SCREEN_BUFFER_INFO info{};
  return stdout_is_terminal() && GetConsoleScreenBufferInfo(GetStdHandle(STD_OUTPUT_HANDLE), &info)
           ? info.srWindow.Right - info.srWindow.Left + 1
           : 0;
}

bool terminal_shows_colour()
{
  return g_colour;
}

#else

void prepare_console() {}

std::vector<std::string> utf8_arguments(int argc, char** argv)
{
  return {argv, argv + argc};
}

bool stdout_is_terminal()
{
  return isatty(STDOUT_FILENO) != 0;
}

bool stderr_is_terminal()
{
  return isatty(STDERR_FILENO) != 0;
}

int terminal_columns()
{
  winsize size{};
  return stdout_is_terminal() && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0
           ? static_cast<int>(size.ws_col)
           : 0;
}

bool terminal_shows_colour()
{
  return true;
}

#endif

} // namespace carecast::cli
