#pragma once
// Where the headers are that a folder's generated C++ (and CUDA) is compiled
// against: cajal/mechanisms/ and cajal/kernels/, which must be those of the
// cajal that loads the library (mechanism_library.hpp). The rule, first
// match wins:
//   1. CAJAL_NMODL_INCLUDE, folders separated by ':' as in PATH;
//   2. <folder of the binary>/../include for the binary holding this code
//      (the shared library where cajal is built shared) and the running
//      executable: an installed cajal (<prefix>/bin/cajal) finds
//      <prefix>/include;
//   3. the source tree's folders, known when cajal was built: a build that
//      was never installed.

#include <filesystem>
#include <string>
#include <vector>

namespace cajal::nmodl {

struct header_search {
    std::string variable;                          // the value of CAJAL_NMODL_INCLUDE ("" when unset)
    std::vector<std::filesystem::path> binaries;   // rule 2, in order
    std::vector<std::filesystem::path> build_tree; // rule 3
};

// The search of this process: its environment, its binaries, its build.
header_search this_process_header_search();

// The include folders by the rule above. Throws environment_error naming
// every place looked at where none holds the headers, or naming the variable
// where CAJAL_NMODL_INCLUDE is set but lacks them.
std::vector<std::filesystem::path> find_mechanism_headers(const header_search& search);

} // namespace cajal::nmodl
