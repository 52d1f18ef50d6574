# cajal_add_mechanism_catalogue(TARGET FUNCTION name SOURCES a.mod b.mod ...)
#
# Compiles .mod files with cajal-nmodl into a static library TARGET that
# defines `void name(cajal::mechanism_catalogue&)`, adding every mechanism.
# Where CUDA is enabled, the library holds their CUDA kernels too, and every
# mechanism it adds carries them (mechanism_implementation::gpu).
function(cajal_add_mechanism_catalogue target)
  cmake_parse_arguments(ARG "" "FUNCTION" "SOURCES" ${ARGN})
  if(NOT ARG_FUNCTION OR NOT ARG_SOURCES)
    message(FATAL_ERROR "cajal_add_mechanism_catalogue(${target}) needs FUNCTION and SOURCES")
  endif()
  set(cpu ${CMAKE_CURRENT_BINARY_DIR}/${target}.cpp)
  set(cuda ${CMAKE_CURRENT_BINARY_DIR}/${target}.cu)
  add_custom_command(
    OUTPUT ${cpu} ${cuda}
    COMMAND cajal-nmodl ${ARG_SOURCES} --catalogue ${ARG_FUNCTION} --cpu ${cpu} --cuda ${cuda}
    DEPENDS cajal-nmodl ${ARG_SOURCES}
    COMMENT "Compiling .mod files of ${target}"
    VERBATIM)
  # One target owns the generation; the library waits for it, so that a
  # parallel build never runs the command twice at once.
  add_custom_target(${target}_sources DEPENDS ${cpu} ${cuda})
  add_library(${target} STATIC ${cpu})
  add_dependencies(${target} ${target}_sources)
  target_link_libraries(${target} PUBLIC cajal_mechanism_interface)
  # Density mechanisms' loops are marked `omp simd` (one instance per CV).
  target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-fopenmp-simd -fno-math-errno -fno-trapping-math>)
  if(CAJAL_HAVE_CUDA)
    # The generated C++ takes each mechanism's kernels from the CUDA source
    # only under this definition, so a build without CUDA never needs it.
    target_sources(${target} PRIVATE ${cuda})
    target_compile_definitions(${target} PRIVATE CAJAL_NMODL_WITH_CUDA)
    target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CUDA>:--expt-relaxed-constexpr>)
    target_link_libraries(${target} PUBLIC CUDA::cudart)
  endif()
endfunction()
