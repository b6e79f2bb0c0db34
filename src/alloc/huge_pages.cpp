// Linked into each collabnet executable (not the library) when it is built with mimalloc
// (COLLABNET_MIMALLOC, the default but for sanitizer and fuzz builds; CMakeLists.txt):
// mimalloc then serves every malloc and new of the process, and this turns on its 2 MiB pages.
//
// Why: a large network is hundreds of MiB of small records, strings and kernel arrays, each
// first touched once. With 4 KiB pages `check` on a 24,000-school file took 63,000 page faults,
// a third of its time on a virtual machine; with 2 MiB pages about 3,600 (docs/performance.md,
// "Memory pages").
//
// mimalloc reads its options once, when it starts, in its shared library's initialiser, which
// runs before any static initialiser of the executable. Only an executable's .preinit_array
// runs earlier (ELF gABI): the option is set there. It is a plain store into mimalloc's option
// table, safe before mimalloc has started (an option set so is not read from the environment).
#include <mimalloc.h>

namespace {

void enable_large_pages(int, char**, char**) { mi_option_enable(mi_option_large_os_pages); }

[[gnu::section(".preinit_array"), gnu::used]] void (*const kEnableLargePages)(int, char**,
                                                                             char**) =
    &enable_large_pages;

}  // namespace
