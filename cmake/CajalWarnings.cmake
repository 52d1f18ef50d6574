# Warnings on, for every target of ours, through one interface target.
add_library(cajal_warnings INTERFACE)
target_compile_options(cajal_warnings INTERFACE
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion>
  $<$<COMPILE_LANGUAGE:CUDA>:-Xcompiler=-Wall,-Wextra>)
option(CAJAL_WERROR "Treat warnings as errors" OFF)
if(CAJAL_WERROR)
  target_compile_options(cajal_warnings INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-Werror>)
endif()
