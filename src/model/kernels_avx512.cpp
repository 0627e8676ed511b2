// Built with -mavx512f -ffp-contract=off (CMakeLists.txt): called only where
// kernels::available() lists it.

#include "carecast/kernels.hpp"

namespace carecast::kernels {
namespace {

#include "kernel_loops.hpp"

} // namespace

// Sixty-four draws of the step in registers: eight AVX-512 vectors.
const Table k_avx512 = table<8, 8>("avx512");

} // namespace carecast::kernels
