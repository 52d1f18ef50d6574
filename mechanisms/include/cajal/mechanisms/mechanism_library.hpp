#pragma once
// The entry points of a mechanism library that cajal loads at run time (a
// folder of .mod files compiled by cajal_nmodl, see folder_loader.hpp). They
// have C linkage, so their names are plain symbols whatever the compiler:
//
//   extern "C" int cajal_mechanism_abi_version(void);
//       returns mechanism_abi_version as the library's headers define it;
//   extern "C" void cajal_mechanism_library_add(cajal_mechanism_sink sink, void* context);
//       calls sink(context, m) once per mechanism; the loader copies *m.
//
// The mechanisms cross the boundary as mechanism_implementation, so a library
// is only usable by a cajal whose mechanism_info, mechanism_view and
// mechanism_implementation (and the types they hold) have the same layout
// and meaning: the loader compares the version first and rebuilds a library
// whose version differs.

#include <cajal/mechanisms/mechanism.hpp>

namespace cajal {

// Changes whenever mechanism_info, field_info, ion_dependency, mechanism_view,
// ion_view, event_request(_buffer), mechanism_event, mechanism_kernels or
// mechanism_implementation change layout or meaning. mechanisms/src/
// mechanism_library.cpp checks their sizes, so that a change that forgets
// this number fails the build.
inline constexpr int mechanism_abi_version = 2;

inline constexpr const char* mechanism_abi_version_symbol = "cajal_mechanism_abi_version";
inline constexpr const char* mechanism_library_add_symbol = "cajal_mechanism_library_add";

} // namespace cajal

extern "C" {
// Receives one mechanism of a library; `context` is the loader's.
typedef void (*cajal_mechanism_sink)(void* context, const cajal::mechanism_implementation* mechanism);
typedef int (*cajal_mechanism_abi_version_function)(void);
typedef void (*cajal_mechanism_library_add_function)(cajal_mechanism_sink sink, void* context);
}
