// The cell's body in a model file: ASC files, the morphology edits published
// models make (axon stubs, kept types) and a discretization per region; what
// the file asks for must be what the morphology library makes, and every
// fault names its JSON path.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include <cajal/io/model_file.hpp>
#include <cajal/morphology/discretization.hpp>
#include <cajal/morphology/edits.hpp>
#include <cajal/morphology/labels.hpp>

#include "test_support.hpp"

using namespace cajal;
using nlohmann::json;

namespace {

// examples/cells/pyramidal.swc: soma, basal and apical trees, an axon with
// two collaterals.
const std::filesystem::path cells = test::source_dir() / "examples" / "cells";

json model_with(const json& morphology, const json& discretization = nullptr) {
    json m = {{"cell", {{"morphology", morphology}, {"paint", json::array({{{"region", "all"}, {"mechanism", "pas"}}})}}},
              {"simulation", {{"tstop", 1}}}};
    if (!discretization.is_null()) m["cell"]["discretization"] = discretization;
    return m;
}

const cell_model& cell_of(const model_file& f) { return f.model.populations.at(0).cell; }

model_file parse(const json& model, const std::filesystem::path& base = cells) { return parse_model_file(model.dump(), "model.json", base); }

std::string error_of(const json& model, const std::filesystem::path& base = cells) {
    try {
        parse(model, base).prepare();
    } catch (const model_file_error& e) {
        return e.what();
    }
    FAIL("the model was accepted: " << model.dump());
    return {};
}

void same_cable(const morphology& a, const morphology& b) {
    REQUIRE(a.num_branches() == b.num_branches());
    for (std::size_t k = 0; k < a.num_branches(); ++k) {
        INFO("branch " << k);
        CHECK(a.branch_at(k).type == b.branch_at(k).type);
        CHECK(a.branch_at(k).parent == b.branch_at(k).parent);
        CHECK(a.length(k) == b.length(k));
        CHECK(a.area(k) == b.area(k));
    }
}

} // namespace

TEST_CASE("replace_axon puts each published stub, or one given section by section, in place of the axon", "[model]") {
    const morphology reconstructed = load_morphology(cells / "pyramidal.swc");
    SECTION("Hay et al. 2011") {
        same_cable(cell_of(parse(model_with({{"file", "pyramidal.swc"}, {"replace_axon", "hay2011"}}))).morph,
                   replace_axon(reconstructed, hay_axon_stub()));
    }
    SECTION("BluePyOpt, its diameters measured under the cell's discretization") {
        const json per_length = {{"policy", "per_length"}, {"length", 20}};
        const auto f = parse(model_with({{"file", "pyramidal.swc"}, {"replace_axon", "bluepyopt"}}, per_length));
        const axon_stub stub = bluepyopt_axon_stub(reconstructed, segments_per_branch(reconstructed, cv_policy::per_length(20)));
        same_cable(cell_of(f).morph, replace_axon(reconstructed, stub));
        // The stub's sections take segments under the same policy.
        CHECK(cell_of(f).segments == segments_per_branch(cell_of(f).morph, cv_policy::per_length(20)));
    }
    SECTION("sections given") {
        const json stub = {{"sections", {{{"length", 20}, {"diameter", 1.5}}, {{"length", 400}, {"diameter", 0.5}}}}, {"soma_x", 1}};
        const auto f = parse(model_with({{"file", "pyramidal.swc"}, {"replace_axon", stub}}));
        const morphology& m = cell_of(f).morph;
        same_cable(m, replace_axon(reconstructed, {{{20, 1.5}, {400, 0.5}}, 1}));
        const auto axon = resolve_region(m, "axon");
        REQUIRE(axon.size() == 2);
        CHECK(m.length(axon[1].branch) == Approx(400).epsilon(1e-12));
    }
}

TEST_CASE("keep_types keeps only the branches of the types given", "[model]") {
    const morphology reconstructed = load_morphology(cells / "pyramidal.swc");
    const auto f = parse(model_with({{"file", "pyramidal.swc"}, {"keep_types", {1, 3, 4}}}));
    const morphology& m = cell_of(f).morph;
    same_cable(m, keep_types(reconstructed, {1, 3, 4}));
    CHECK(resolve_region(m, "axon").empty());
    // Without an axon, Hay's stub goes where the axon would come in branch order.
    const auto g = parse(model_with({{"file", "pyramidal.swc"}, {"keep_types", {1, 3, 4}}, {"replace_axon", "hay2011"}}));
    const morphology& stubbed = cell_of(g).morph;
    CHECK(resolve_region(stubbed, "axon").size() == 2);
    CHECK(stubbed.num_branches() == m.num_branches() + 2);
}

TEST_CASE("faults in morphology edits name their JSON path", "[model]") {
    const auto fault = [](const json& morphology) { return error_of(model_with(morphology)); };
    CHECK_THAT(fault({{"file", "pyramidal.swc"}, {"replace_axon", "neuron"}}),
               Catch::StartsWith("model.json: cell.morphology.replace_axon: unknown stub 'neuron'; known: \"hay2011\", \"bluepyopt\""));
    CHECK_THAT(fault({{"file", "pyramidal.swc"}, {"replace_axon", {{"sections", json::array()}}}}),
               Catch::StartsWith("model.json: cell.morphology.replace_axon.sections: expected at least one section"));
    CHECK_THAT(fault({{"file", "pyramidal.swc"}, {"replace_axon", {{"sections", {{{"length", -3}, {"diameter", 1}}}}}}}),
               Catch::StartsWith("model.json: cell.morphology.replace_axon.sections[0].length: "));
    CHECK_THAT(fault({{"file", "pyramidal.swc"}, {"replace_axon", {{"sections", {{{"length", 30}}}}}}}),
               Catch::StartsWith("model.json: cell.morphology.replace_axon.sections[0].diameter: missing"));
    CHECK_THAT(fault({{"file", "pyramidal.swc"}, {"replace_axon", {{"sections", {{{"length", 30}, {"diameter", 1}}}}, {"soma_x", 2}}}}),
               Catch::StartsWith("model.json: cell.morphology.replace_axon.soma_x: expected a position on the soma from 0 to 1, not 2"));
    CHECK_THAT(fault({{"file", "pyramidal.swc"}, {"keep_types", json::array()}}),
               Catch::StartsWith("model.json: cell.morphology.keep_types: expected at least one branch type"));
    CHECK_THAT(fault({{"file", "pyramidal.swc"}, {"keep_types", {0, 3}}}),
               Catch::StartsWith("model.json: cell.morphology.keep_types[0]: expected a branch type"));
    // The library's own refusal, at the key that asked for it.
    CHECK_THAT(fault({{"file", "pyramidal.swc"}, {"keep_types", {3, 4}}}), Catch::StartsWith("model.json: cell.morphology.keep_types: "));
    CHECK_THAT(fault({{"file", "pyramidal.swc"}, {"keep_types", {3, 4}}}), Catch::Contains("root"));
}

TEST_CASE("a discretization per region: later entries over earlier ones, whole branches only", "[model]") {
    const morphology m = load_morphology(cells / "pyramidal.swc");
    const json regions = json::array({{{"region", "all"}, {"policy", "d_lambda"}},
                                      {{"region", "axon"}, {"policy", "fixed"}, {"per_branch", 1}},
                                      {{"region", "(subtree (proximal (branch 3)))"}, {"policy", "per_length"}}});
    const auto f = parse(model_with({{"file", "pyramidal.swc"}}, regions));
    const auto lambda = segments_per_branch(m, cv_policy::lambda_rule());
    const auto per_length = segments_per_branch(m, cv_policy::per_length(40));
    const auto axon = resolve_region(m, "axon"), subtree = resolve_region(m, "(subtree (proximal (branch 3)))");
    REQUIRE(!axon.empty());
    std::vector<int> want = lambda;
    for (const auto& part: axon) want[part.branch] = 1;
    for (const auto& part: subtree) want[part.branch] = per_length[part.branch];
    CHECK(cell_of(f).segments == want);

    // Branches no entry names keep NEURON's nseg = 1.
    const auto only_apic = parse(model_with({{"file", "pyramidal.swc"}}, json::array({{{"region", "apic"}, {"policy", "fixed"}, {"per_branch", 5}}})));
    for (std::size_t b = 0; b < m.num_branches(); ++b) CHECK(cell_of(only_apic).segments[b] == (m.branch_at(b).type == 4 ? 5 : 1));

    const auto fault = [](const json& discretization) { return error_of(model_with({{"file", "pyramidal.swc"}}, discretization)); };
    CHECK_THAT(fault(json::array({{{"region", "(distance-between 0 50)"}, {"policy", "fixed"}, {"per_branch", 3}}})),
               Catch::StartsWith("model.json: cell.discretization[0].region: a discretization applies to whole branches; this region holds only x = "));
    CHECK_THAT(fault(json::array({{{"region", "(cv-centres apic)"}, {"policy", "fixed"}, {"per_branch", 3}}})),
               Catch::StartsWith("model.json: cell.discretization[0].region: "));
    CHECK_THAT(fault(json::array({{{"region", "apic"}, {"policy", "fixed"}, {"per_branch", 3}},
                                  {{"region", "(on-branches 0.5)"}, {"policy", "fixed"}, {"per_branch", 3}}})),
               Catch::StartsWith("model.json: cell.discretization[1].region: "));
    CHECK_THAT(fault(json::array({{{"policy", "fixed"}, {"per_branch", 3}}})),
               Catch::StartsWith("model.json: cell.discretization[0].region: missing"));
    CHECK_THAT(fault(json::array({{{"region", "all"}, {"policy", "fixed"}, {"per_branch", 3}, {"length", 10}}})),
               Catch::StartsWith("model.json: cell.discretization[0].length: not a setting of policy 'fixed'"));
    CHECK_THAT(fault({{"policy", "per_length"}, {"length", 0}}), Catch::StartsWith("model.json: cell.discretization.length: "));
    CHECK_THAT(fault({{"policy", "per_length"}, {"region", "all"}}), Catch::StartsWith("model.json: cell.discretization.region: unknown key"));
    CHECK_THAT(fault(json::array()), Catch::StartsWith("model.json: cell.discretization: expected at least one"));
}

TEST_CASE("labels that ask about CVs are checked once the CVs are made, and may not decide them", "[model]") {
    json model = model_with({{"file", "pyramidal.swc"}}, {{"policy", "fixed"}, {"per_branch", 3}});
    model["cell"]["labels"] = {{"centres", "(cv-centres apic)"}};
    CHECK(cell_of(parse(model)).labels.at("centres") == "(cv-centres apic)");
    model["cell"]["labels"] = {{"centres", "(cv-centres apic"}};
    CHECK_THAT(error_of(model), Catch::StartsWith("model.json: cell.labels.centres: "));
    model["cell"]["labels"] = {{"centres", "(cv-centres apic)"}};
    model["cell"]["distance_origin"] = "centres";
    CHECK_THAT(error_of(model), Catch::Contains("asks about CVs, which are not made yet"));
}

TEST_CASE("an ASC morphology's faults name line and column", "[model]") {
    test::temp_folder dir;
    std::ofstream(dir.path / "cell.asc") << "((CellBody)\n (0 0 0 10)\n (10 0 0 10)\n (10 10 zero 10)\n)\n";
    const auto message = error_of(model_with({{"file", "cell.asc"}}), dir.path);
    CHECK_THAT(message, Catch::StartsWith("model.json: cell.morphology.file: cell.asc:4:"));
    CHECK_THAT(message, Catch::Matches("model\\.json: cell\\.morphology\\.file: cell\\.asc:4:[0-9]+: .*"));
}

TEST_CASE("data_hint tells where to get a morphology file or nmodl folder that is not there", "[model]") {
    json model = model_with({{"file", "absent.asc"}});
    model["data_hint"] = "get it from ModelDB 139653";
    CHECK_THAT(error_of(model), Catch::StartsWith("model.json: cell.morphology.file: ") &&
                                    Catch::EndsWith("absent.asc: cannot read the morphology: no such file (get it from ModelDB 139653)"));
    model["cell"]["morphology"]["file"] = "pyramidal.swc";
    model["nmodl"] = {"no-such-folder"};
    CHECK_THAT(error_of(model), Catch::StartsWith("model.json: nmodl[0]: ") && Catch::EndsWith(" (get it from ModelDB 139653)"));
    // A file that is there but wrong is the file's fault: no hint.
    model.erase("nmodl");
    model["cell"]["morphology"]["file"] = "make_example_cell.py";
    CHECK_THAT(error_of(model), !Catch::Contains("ModelDB"));
    model["data_hint"] = "";
    CHECK_THAT(error_of(model), Catch::StartsWith("model.json: data_hint: "));
}
