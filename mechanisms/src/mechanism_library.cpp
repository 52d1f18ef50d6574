// A trip wire for mechanism_abi_version (mechanism_library.hpp): the sizes of
// the types a mechanism library hands to cajal, as of the current version.
// When one of these fails, the layout changed: bump mechanism_abi_version and
// write the new sizes here. (Sizes catch added and removed members, not
// reordered ones; those need the bump too.) LP64 Linux, as cajal supports.
#include <cajal/mechanisms/mechanism_library.hpp>

namespace cajal {

static_assert(mechanism_abi_version == 2, "update the sizes below with the version");
static_assert(sizeof(field_info) == 88, "field_info changed: bump mechanism_abi_version");
static_assert(sizeof(ion_dependency) == 48, "ion_dependency changed: bump mechanism_abi_version");
static_assert(sizeof(mechanism_info) == 184, "mechanism_info changed: bump mechanism_abi_version");
static_assert(sizeof(ion_view) == 48, "ion_view changed: bump mechanism_abi_version");
static_assert(sizeof(event_request) == 32, "event_request changed: bump mechanism_abi_version");
static_assert(sizeof(event_request_buffer) == 24, "event_request_buffer changed: bump mechanism_abi_version");
static_assert(sizeof(mechanism_view) == 160, "mechanism_view changed: bump mechanism_abi_version");
static_assert(sizeof(mechanism_event) == 24, "mechanism_event changed: bump mechanism_abi_version");
static_assert(sizeof(mechanism_kernels) == 48, "mechanism_kernels changed: bump mechanism_abi_version");
static_assert(sizeof(mechanism_implementation) == 280, "mechanism_implementation changed: bump mechanism_abi_version");

} // namespace cajal
