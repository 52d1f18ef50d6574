// The sections NEURON's Import3d_SWC_read forms from an SWC file (see
// docs/morphology.md, "NEURON-compatible sections"), as a reconstruction.
#include <cajal/morphology/swc.hpp>

#include <cmath>

namespace cajal {

namespace {

using index_t = std::ptrdiff_t;

// A section as Import3d_SWC_read forms it: a run of samples.
struct swc_section {
    std::size_t first = 0;        // index (into swc_file::samples) of its first own sample
    std::size_t count = 0;        // number of own samples
    std::ptrdiff_t parent = -1;   // index of the parent section, -1 for the root
    double parent_x = 1;
    bool wire = false;
    int type = 0;
    // The copied parent point (all but the root) followed by the own samples.
    std::vector<reader_point> raw;
    std::size_t own_offset() const noexcept { return parent < 0 ? 0 : 1; }
};

// Import3d reads each number with hoc's sscanf("%f"), which keeps single precision.
double as_read(double v) { return static_cast<double>(static_cast<float>(v)); }

reader_point raw_of(const swc_sample& s) { return {as_read(s.x), as_read(s.y), as_read(s.z), 2 * as_read(s.radius)}; }

struct reader_state {
    const std::vector<swc_sample>& s;
    std::vector<reader_point> raw;      // the samples as Import3d reads them
    std::vector<index_t> parent;        // sample parents; the NeuroMorpho soma rule rewires one
    std::vector<double> nchild;         // children, +0.01 per non-contiguous child or type change
    std::vector<bool> connect_proximal; // joins its parent section at x = 0
    std::vector<int> soma_children;     // soma children of each soma sample
    bool neuromorpho_soma = false;

    int type(index_t i) const { return s[static_cast<std::size_t>(i)].type; }
    index_t parent_of(index_t i) const { return parent[static_cast<std::size_t>(i)]; }
};

// Counts children; a sample that ends a section is one whose count is not
// exactly 1. Fractions mark non-contiguous children and type changes, so that
// they end sections too. A child joined to the first sample of a dendrite that
// hangs from the soma (or to a non-soma root) is joined proximally instead.
void mark_branches(reader_state& r) {
    const auto n = static_cast<index_t>(r.s.size());
    for (index_t i = 0; i < n; ++i) {
        const index_t p = r.parent_of(i);
        if (p < 0) continue;
        auto& count = r.nchild[static_cast<std::size_t>(p)];
        count += 1;
        if (p != i - 1) {
            count += 0.01;
            if (p > 1) {
                if (r.type(p) != swc_soma && r.type(r.parent_of(p)) == swc_soma) {
                    r.connect_proximal[static_cast<std::size_t>(i)] = true;
                    count = 1;
                }
            } else if (p == 0 && r.type(p) != swc_soma) {
                r.connect_proximal[static_cast<std::size_t>(i)] = true;
                count = 1;
            }
        }
        if (r.type(p) != r.type(i)) count += 0.01;
    }
}

// NeuroMorpho.org's three-point soma: samples 1 and 2 hang from sample 0, have
// no children, share its diameter and lie at a total distance of one diameter
// (within 1%). Then the soma is the sphere about sample 0.
void detect_neuromorpho_soma(reader_state& r) {
    if (r.s.size() < 3 || r.parent[1] != 0 || r.parent[2] != 0) return;
    if (r.nchild[1] != 0 || r.nchild[2] != 0) return;
    const auto& c = r.raw[0];
    if (r.raw[1].d != c.d || r.raw[2].d != c.d) return;
    double len = 0;
    for (std::size_t i = 1; i <= 2; ++i) {
        const auto& p = r.raw[i];
        len += std::sqrt((p.x - c.x) * (p.x - c.x) + (p.y - c.y) * (p.y - c.y) + (p.z - c.z) * (p.z - c.z));
    }
    const double d0 = c.d;
    if (std::abs(len / d0 - 1) < 0.01) {
        r.neuromorpho_soma = true;
        r.parent[2] = 1;  // keeps the three samples in one section
    }
}

// Consecutive soma samples stay in one section unless the parent has several
// soma children (the root never splits this way).
void join_soma_runs(reader_state& r) {
    const auto n = static_cast<index_t>(r.s.size());
    for (index_t i = 0; i + 1 < n; ++i) {
        if (r.type(i) == swc_soma && r.type(i + 1) == swc_soma && r.parent_of(i + 1) == i) {
            if (i == 0 || r.soma_children[static_cast<std::size_t>(i)] <= 1) r.nchild[static_cast<std::size_t>(i)] = 1;
        }
    }
}

// How a non-root section joins its parent: where (parent_x) and whether by a wire.
void connect(const reader_state& r, const std::vector<swc_section>& sections, swc_section& sec, std::size_t last) {
    const auto first = static_cast<index_t>(sec.first);
    const index_t p = r.parent_of(first);
    const auto& psec = sections[static_cast<std::size_t>(sec.parent)];
    const bool multi_point = last > sec.first;  // two or more own samples
    const bool soma_parent = psec.type == swc_soma;
    const bool dendrite_on_soma = soma_parent && r.type(first) != swc_soma;
    const int parent_soma_children = r.soma_children[static_cast<std::size_t>(p)];
    bool handled = false;
    if (sec.parent == 0) {
        handled = true;
        if (dendrite_on_soma && psec.raw.size() == 1) {
            sec.parent_x = 0.5;
            sec.wire = multi_point;
        } else if (p == static_cast<index_t>(psec.first)) {
            sec.parent_x = 0;
            sec.wire = r.type(first) != swc_soma && parent_soma_children > 1;
        } else {
            handled = false;
        }
    }
    if (!handled && soma_parent) {
        const auto parent_last = static_cast<index_t>(psec.first + psec.count) - 1;
        if (p < parent_last) {
            sec.parent_x = 0.5;
            sec.wire = dendrite_on_soma && multi_point;
        } else if (multi_point && parent_soma_children > 1 && r.type(first) != swc_soma) {
            sec.wire = true;
        }
    }
}

// Where each sample lies: its point in its section; NeuroMorpho's three-point
// soma stands for a sphere about its first sample, with the other two at the
// sphere's ends (x = 0 and 1).
std::vector<reader_sample> place_samples(const swc_file& file, const std::vector<swc_section>& sections,
                                         const std::vector<std::size_t>& sample_section, bool neuromorpho_soma) {
    std::vector<reader_sample> samples;
    samples.reserve(file.samples.size());
    for (std::size_t k = 0; k < file.samples.size(); ++k) {
        const std::size_t s = sample_section[k];
        reader_sample sample{file.samples[k].id, s, -1, 0.5};
        if (neuromorpho_soma && s == 0) {
            sample.x = k == 0 ? 0.5 : (k == 1 ? 0.0 : 1.0);
        } else {
            const auto& sec = sections[s];
            sample.point = static_cast<std::ptrdiff_t>(k - sec.first + sec.own_offset());
        }
        samples.push_back(sample);
    }
    return samples;
}

} // namespace

reconstruction swc_reconstruction(const swc_file& file) {
    const auto& samples = file.samples;
    const std::size_t n = samples.size();
    reconstruction out;
    out.name = file.name;
    out.warnings = file.warnings;
    if (n == 0) return out;

    reader_state r{samples, {}, file.parent, std::vector<double>(n, 0.0), std::vector<bool>(n, false),
                   std::vector<int>(n, 0)};
    for (const auto& s: samples) r.raw.push_back(raw_of(s));
    mark_branches(r);
    std::size_t soma_samples = samples[0].type == swc_soma ? 1 : 0;
    for (std::size_t i = 1; i < n; ++i) {
        if (samples[i].type != swc_soma) continue;
        ++soma_samples;
        const index_t p = r.parent[i];
        if (p >= 0 && r.type(p) == swc_soma) ++r.soma_children[static_cast<std::size_t>(p)];
    }
    if (soma_samples == 3) detect_neuromorpho_soma(r);
    join_soma_runs(r);

    // Sections are runs of consecutive samples, each ending where the count is not 1.
    std::vector<swc_section> sections;
    std::vector<std::size_t> sample_section(n, 0);
    std::size_t first = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const bool ends = r.nchild[i] != 1 || i + 1 == n;
        if (!ends) continue;
        swc_section sec;
        sec.first = first;
        sec.count = i - first + 1;
        sec.type = samples[first].type;
        for (std::size_t k = first; k <= i; ++k) sample_section[k] = sections.size();
        if (sections.empty()) {
            if (r.neuromorpho_soma) sec.count = 1;
        } else {
            const auto p = static_cast<std::size_t>(r.parent[first]);
            sec.parent = static_cast<index_t>(sample_section[p]);
            connect(r, sections, sec, i);
            sec.raw.push_back(r.raw[p]);
        }
        for (std::size_t k = first; k < first + sec.count; ++k) sec.raw.push_back(r.raw[k]);
        const int parent_type = sec.parent < 0 ? 0 : sections[static_cast<std::size_t>(sec.parent)].type;
        // A dendrite on the soma starts with its own diameter, not the soma's.
        if (sec.parent >= 0 && parent_type == swc_soma && sec.type != swc_soma) sec.raw[0].d = sec.raw[1].d;
        if (r.connect_proximal[first]) sec.parent_x = 0;
        sections.push_back(std::move(sec));
        first = i + 1;
    }

    out.samples = place_samples(file, sections, sample_section, r.neuromorpho_soma);
    for (auto& sec: sections) {
        reader_section rs;
        rs.type = sec.type;
        rs.parent = sec.parent;
        rs.parent_x = sec.parent_x;
        rs.wire = sec.wire;
        rs.points = std::move(sec.raw);
        rs.line = samples[sec.first].line;
        out.sections.push_back(std::move(rs));
    }
    return out;
}

} // namespace cajal
