#include "carecast/blocks.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <malloc.h>
#include <mutex>
#include <thread>
#include <vector>

namespace carecast {

namespace {

// Every block allocates and frees the same few megabytes of arrays. By default glibc
// hands large freed blocks back to the kernel, which then faults the pages in again for
// the next block: that more than doubled the time of a Monte Carlo run (bench/README.md).
// Keeping freed memory for reuse changes no result. Windows' heap has no such setting.
bool keep_freed_memory()
{
#ifdef __GLIBC__
  constexpr int k_mmap_threshold = 64 << 20;
  constexpr int k_trim_threshold = 256 << 20;
  return mallopt(M_MMAP_THRESHOLD, k_mmap_threshold) == 1
         && mallopt(M_TRIM_THRESHOLD, k_trim_threshold) == 1;
#else
  return false;
#endif
}

// Blocks of `size` items of [0, items), shared out between threads as they come free.
void run_blocks(std::int64_t items, std::int64_t size, int threads,
                const std::function<void(std::int64_t first, std::int64_t count)>& work,
                const std::function<void(std::int64_t done)>& progress)
{
  const std::int64_t blocks = (items + size - 1) / size;
  std::atomic<std::int64_t> next{0};
  std::atomic<std::int64_t> done{0};
  std::atomic<bool> failed{false};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto run = [&] {
    for (std::int64_t block = next++; block < blocks && !failed; block = next++) {
      const std::int64_t first = block * size;
      const std::int64_t count = std::min(size, items - first);
      try {
        work(first, count);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) {
          failure = std::current_exception();
        }
        failed = true;
      }
      done += count;
    }
  };
  // No more threads than cores, nor than blocks: each thread holds a block's arrays,
  // so more would only add memory, and the results are the same on any number.
  const int workers = static_cast<int>(std::clamp<std::int64_t>(
    threads, 1, std::max<std::int64_t>(std::min<std::int64_t>(blocks, default_threads()), 1)));
  std::vector<std::thread> pool;
  for (int t = 1; t < workers; ++t) {
    pool.emplace_back(run);
  }
  if (!progress) {
    run();
  } else {
    std::thread last(run);
    while (done < items && !failed) {
      progress(done);
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    last.join();
    progress(done);
  }
  for (std::thread& thread : pool) {
    thread.join();
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
}

} // namespace

int default_threads()
{
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

void for_each_block(std::int64_t draws, int threads,
                    const std::function<void(std::int64_t first, std::int64_t count)>& work,
                    const std::function<void(std::int64_t done)>& progress)
{
  [[maybe_unused]] static const bool kept = keep_freed_memory();
  run_blocks(draws, k_block_draws, threads, work, progress);
}

void for_each_item(std::int64_t count, int threads, const std::function<void(std::int64_t i)>& work)
{
  run_blocks(count, 1, threads, [&](std::int64_t i, std::int64_t) { work(i); }, {});
}

} // namespace carecast
