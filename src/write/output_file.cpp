#include "carecast/writers.hpp"

#include <fmt/format.h>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace carecast {

void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(const std::filesystem::path&)>& write)
{
  std::filesystem::path temporary = path;
  temporary += fmt::format(".tmp{}", static_cast<long>(::getpid()));
  const auto remove_temporary = [&] {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
  };
  try {
    write(temporary);
  } catch (...) {
    remove_temporary();
    throw;
  }
  std::error_code failure;
  std::filesystem::rename(temporary, path, failure);
  if (failure) {
    remove_temporary();
    throw Error(fmt::format("cannot write '{}': {}", path.string(), failure.message()));
  }
}

void write_file_atomically(const std::filesystem::path& path, const std::string& content)
{
  write_file_atomically(path, [&](const std::filesystem::path& temporary) {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) {
      throw Error(fmt::format("cannot write '{}'", path.string()));
    }
  });
}

} // namespace carecast
