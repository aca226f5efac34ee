//===- MallocTuning.h - glibc malloc settings of Oar's tools ----*- C++ -*-===//
//
// Oar's tools are short-lived batch processes that allocate and free large
// buffers: the parameters (one buffer per weight, copied into the module),
// the JSON document of a PIR program. glibc serves each buffer above its
// 128 KiB mmap threshold with a fresh mmap and unmaps it on free, so the
// next buffer faults its pages in (and has the kernel zero them) again: a
// resnet50 import with parameters took 190k page faults, 0.46 s. Keeping
// such buffers in the heap for reuse takes it to 58k faults and 0.19 s with
// the same peak memory (docs/benchmarks.md).
//
//===----------------------------------------------------------------------===//

#ifndef OAR_TOOLS_MALLOCTUNING_H
#define OAR_TOOLS_MALLOCTUNING_H

#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

namespace oar {

/// Serves allocations below 32 MiB from the heap, and keeps up to 64 MiB of
/// freed memory at its top rather than returning it to the kernel.
inline void tuneMalloc() {
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

} // namespace oar

#endif // OAR_TOOLS_MALLOCTUNING_H
