#pragma once
// Users' mechanisms without rebuilding cajal: every .mod file of a folder is
// compiled into one shared library, cached by content, loaded, and its
// mechanisms added to a catalogue.

#include <cstddef>
#include <filesystem>
#include <string>

#include <cajal/mechanisms/catalogue.hpp>

namespace cajal::nmodl {

struct folder_load_report {
    std::size_t mechanisms = 0;      // added to the catalogue
    bool from_cache = false;         // the library was already built for these sources
    std::filesystem::path library;   // the shared library that was loaded
};

// Compiles (or finds in the cache) and loads the mechanisms of `folder`.
// Errors in a .mod file throw with "file:line:column: message".
folder_load_report add_mod_folder(mechanism_catalogue& catalogue, const std::filesystem::path& folder);

} // namespace cajal::nmodl
