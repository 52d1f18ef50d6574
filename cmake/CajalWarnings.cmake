# Warnings on, for every target of ours, through one interface target.
add_library(cajal_warnings INTERFACE)
target_compile_options(cajal_warnings INTERFACE
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion>
  $<$<COMPILE_LANGUAGE:CUDA>:-Xcompiler=-Wall,-Wextra>)
# GCC 12 at -O3 reports a false -Wrestrict on `"literal" + std::string&&`
# (GCC bug 105329); the warning is off for that compiler only.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(cajal_warnings INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-Wno-restrict>)
endif()
option(CAJAL_WERROR "Treat warnings as errors" OFF)
if(CAJAL_WERROR)
  target_compile_options(cajal_warnings INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-Werror>)
endif()
