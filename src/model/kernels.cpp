#include "kernels.hpp"

namespace carecast::kernels {
namespace {

#include "kernel_loops.hpp"

// Which version runs: the widest this processor (and its operating system, which
// must save the wider registers) supports. __builtin_cpu_supports checks both.
const Table& widest()
{
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) {
    return k_avx512;
  }
  if (__builtin_cpu_supports("avx2")) {
    return k_avx2;
  }
  return k_baseline;
}

} // namespace

// Sixteen draws of the step in registers: eight SSE2 vectors.
const Table k_baseline = table<2, 8>("baseline");

const Table& active()
{
  static const Table& table = widest();
  return table;
}

std::vector<const Table*> available()
{
  std::vector<const Table*> tables{&k_baseline};
  if (&active() != &k_baseline) {
    tables.push_back(&k_avx2);
  }
  if (&active() == &k_avx512) {
    tables.push_back(&k_avx512);
  }
  return tables;
}

} // namespace carecast::kernels
