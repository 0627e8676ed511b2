#pragma once

// Many draws evaluated in blocks of columns, the blocks shared out between threads.
// A block is fixed by its draws, not by the thread that runs it, and the evaluator
// treats each column on its own, so the thread count never changes a result.

#include <cstdint>
#include <functional>

namespace carecast {

// Columns per block: enough for Eigen to vectorise over, few enough to stay in cache.
inline constexpr std::int64_t k_block_draws = 256;

// The threads to use by default: every core the machine reports (at least 1).
int default_threads();

// Calls work(first, count) for each block of draws in [0, draws), on `threads` threads
// (at most default_threads(), as each holds a block's arrays), then `progress(done)` on
// the calling thread now and then when given. The first exception a block throws is
// rethrown once every thread has stopped.
void for_each_block(std::int64_t draws, int threads,
                    const std::function<void(std::int64_t first, std::int64_t count)>& work,
                    const std::function<void(std::int64_t done)>& progress = {});

// Calls work(i) for each i in [0, count), on `threads` threads: for summaries of many
// independent series, each of which must not depend on the others or on the threads.
void for_each_item(std::int64_t count, int threads,
                   const std::function<void(std::int64_t i)>& work);

} // namespace carecast
