// The built-in catalogue: cajal's own .mod files, compiled at build time by
// cajal-nmodl (see cajal_add_mechanism_catalogue in cmake/CajalMechanisms.cmake).
#include <cajal/mechanisms/catalogue.hpp>

void cajal_add_builtin_mechanisms(cajal::mechanism_catalogue& catalogue);

namespace cajal {

const mechanism_catalogue& builtin_catalogue() {
    static const mechanism_catalogue catalogue = [] {
        mechanism_catalogue c;
        cajal_add_builtin_mechanisms(c);
        return c;
    }();
    return catalogue;
}

} // namespace cajal
