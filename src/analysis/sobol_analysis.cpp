#include "carecast/sobol_analysis.hpp"

#include "carecast/blocks.hpp"
#include "carecast/evaluator.hpp"
#include "carecast/non_finite.hpp"
#include "carecast/sampling.hpp"
#include "carecast/sobol_sequence.hpp"

#include <bit>
#include <fmt/format.h>
#include <optional>

namespace carecast {
namespace {

using Matrix = Eigen::MatrixXd;

// The design's evaluations are laid out sample by sample: evaluation e is sample
// e / (d + 2) of design matrix e % (d + 2), which is A (0), B (1) or AB_i (2 + i). A
// block of evaluations then needs the draws of only a few samples, whatever N is.
constexpr Eigen::Index k_design_a = 0;
constexpr Eigen::Index k_design_b = 1;
constexpr Eigen::Index k_design_ab = 2;

// The sobol design's replicates each need a power of two of at least 2 points, and
// A and B together need twice as many of the sequence's dimensions as there are inputs.
std::string sobol_design_problem(const Model& model, const SobolSettings& settings)
{
  const auto samples = static_cast<std::uint64_t>(settings.samples);
  if (!std::has_single_bit(samples)) {
    return fmt::format("{} samples: the sobol design takes a power of two", settings.samples);
  }
  if (settings.scramblings < 2 || !std::has_single_bit(static_cast<unsigned>(settings.scramblings))
      || settings.scramblings > settings.samples / 2) {
    return fmt::format("{} scramblings of {} samples: a power of two from 2 to half the samples",
                       settings.scramblings, settings.samples);
  }
  const auto dimensions = 2 * model.inputs().size();
  if (dimensions > static_cast<std::size_t>(sobol_max_dimensions())) {
    return fmt::format("the sobol design of {} uncertain inputs needs {} dimensions of the "
                       "Sobol' sequence, more than the {} of its direction numbers; the random "
                       "design has no such limit",
                       model.inputs().size(), dimensions, sobol_max_dimensions());
  }
  return {};
}

std::string settings_problem(const Model& model, int option, const SobolSettings& settings)
{
  if (model.inputs().empty()) {
    return "the scenario has no uncertain inputs, so it has no Sobol' indices: give some of "
           "its parameters a distribution in an [uncertainty] section (see docs/uncertainty.md)";
  }
  if (option < 0 || option >= static_cast<int>(model.options().size())) {
    return fmt::format("the scenario has no option number {}", option);
  }
  if (settings.samples < 2 || settings.samples > k_max_sobol_samples) {
    return fmt::format("{} samples: Sobol' indices take between 2 and {}", settings.samples,
                       k_max_sobol_samples);
  }
  if (settings.design == SobolDesign::random
      && (settings.resamples < 1 || settings.resamples > k_max_sobol_resamples)) {
    return fmt::format("{} bootstrap resamples: between 1 and {}", settings.resamples,
                       k_max_sobol_resamples);
  }
  if (!(settings.confidence > 0.0 && settings.confidence < 1.0)) {
    return fmt::format("a confidence of {} is not strictly between 0 and 1", settings.confidence);
  }
  if (settings.design == SobolDesign::sobol) {
    return sobol_design_problem(model, settings);
  }
  return {};
}

// The sobol design's sequence and shifts: sample j is point j % points of the
// sequence, shifted by replicate j / points's shift.
struct ShiftedSequence
{
  SobolSequence sequence;
  SobolPoints shifts;
  std::int64_t points; // per replicate
};

std::optional<ShiftedSequence> shifted_sequence(Eigen::Index inputs, const SobolSettings& settings)
{
  if (settings.design != SobolDesign::sobol) {
    return std::nullopt;
  }
  const auto dimensions = static_cast<int>(2 * inputs);
  return ShiftedSequence{SobolSequence(dimensions),
                         digital_shifts(dimensions, settings.scramblings, settings.seed),
                         settings.samples / settings.scramblings};
}

// Uniforms of samples first .. first + count - 1 of the shifted sequence: rows 0 .. d - 1
// for A, d .. 2d - 1 for B. A run of samples within one replicate is read in one go.
Matrix shifted_uniforms(const ShiftedSequence& quasi, std::int64_t first, Eigen::Index count)
{
  Matrix result(quasi.sequence.dimensions(), count);
  for (Eigen::Index done = 0; done < count;) {
    const std::int64_t replicate = (first + done) / quasi.points;
    const std::int64_t point = (first + done) % quasi.points;
    const Eigen::Index run = std::min<std::int64_t>(count - done, quasi.points - point);
    const SobolPoints points = quasi.sequence.points(static_cast<std::uint32_t>(point), run);
    for (Eigen::Index c = 0; c < run; ++c) {
      for (Eigen::Index i = 0; i < points.rows(); ++i) {
        result(i, done + c) = sobol_uniform(points(i, c) ^ quasi.shifts(i, replicate));
      }
    }
    done += run;
  }
  return result;
}

// The inputs' values of design matrices A, B and every AB_i for samples
// first .. first + count - 1: from the shifted sequence when there is one, otherwise
// from two independent random streams.
std::vector<Matrix> design_values(const Sampler& sampler,
                                  const std::optional<ShiftedSequence>& quasi, std::int64_t first,
                                  Eigen::Index count)
{
  const Eigen::Index d = sampler.dimensions();
  Matrix a;
  Matrix b;
  if (quasi) {
    const Matrix uniforms = shifted_uniforms(*quasi, first, count);
    a = sampler.values(uniforms.topRows(d));
    b = sampler.values(uniforms.bottomRows(d));
  } else {
    a = sampler.values(sampler.uniforms(k_sobol_stream_a, first, count));
    b = sampler.values(sampler.uniforms(k_sobol_stream_b, first, count));
  }
  std::vector<Matrix> designs{a, b};
  for (Eigen::Index i = 0; i < d; ++i) {
    designs.push_back(mix(a, b, i));
  }
  return designs;
}

// The parameter columns of evaluations first .. first + count - 1: the model's values
// with the inputs of each evaluation's sample and design matrix in place.
Matrix design_block(const Model& model, const Sampler& sampler,
                    const std::optional<ShiftedSequence>& quasi, std::int64_t first,
                    std::int64_t count)
{
  const std::int64_t kinds = sampler.dimensions() + k_design_ab;
  const std::int64_t first_sample = first / kinds;
  const std::int64_t samples = (first + count - 1) / kinds - first_sample + 1;
  const std::vector<Matrix> designs = design_values(sampler, quasi, first_sample, samples);
  Matrix block = model.values().replicate(1, count);
  for (std::int64_t c = 0; c < count; ++c) {
    const Matrix& design = designs[static_cast<std::size_t>((first + c) % kinds)];
    const Eigen::Index sample = (first + c) / kinds - first_sample;
    for (std::size_t i = 0; i < model.inputs().size(); ++i) {
      block(model.inputs()[i].parameter, c) = design(static_cast<Eigen::Index>(i), sample);
    }
  }
  return block;
}

// The matrix of outputs that evaluation `evaluation` belongs in.
Matrix& outputs_of(SobolOutputs& outputs, std::int64_t evaluation, std::int64_t kinds)
{
  const std::int64_t kind = evaluation % kinds;
  if (kind == k_design_a) {
    return outputs.a;
  }
  if (kind == k_design_b) {
    return outputs.b;
  }
  return outputs.ab[static_cast<std::size_t>(kind - k_design_ab)];
}

// Evaluates every column of the design, block by block, storing each one's outputs
// (each year's total cost of the option, then their sum) by its sample's index.
SobolOutputs evaluate_design(const Model& model, const Sampler& sampler,
                             const std::optional<ShiftedSequence>& quasi, int option,
                             const SobolSettings& settings, DrawWatch& watch)
{
  const int years = model.grid().years();
  const Matrix empty = Matrix::Zero(years + 1, settings.samples);
  SobolOutputs outputs{empty, empty, std::vector<Matrix>(model.inputs().size(), empty)};
  const std::int64_t kinds = sampler.dimensions() + k_design_ab;
  const Evaluator evaluator(model);
  std::vector<bool> analysed(model.options().size(), false);
  analysed[static_cast<std::size_t>(option)] = true;
  const auto work = [&](std::int64_t first, std::int64_t count) {
    const ParameterRows parameters = design_block(model, sampler, quasi, first, count);
    if (!watch.check_rules(parameters, first)) {
      return;
    }
    const Outcome outcome = evaluator.evaluate(parameters, Period::year, Figures::costs, analysed);
    watch.check(outcome, parameters, first);
    Matrix costs(years + 1, count);
    for (int y = 0; y < years; ++y) {
      costs.row(y) = outcome.total(option, y);
    }
    // Summed row by row, in the same order for every column: a column-wise reduction
    // may sum a column in another order depending on its alignment in memory, and an
    // input without effect must leave the horizon's total exactly as it was.
    costs.row(years).setZero();
    for (int y = 0; y < years; ++y) {
      costs.row(years) += costs.row(y);
    }
    for (std::int64_t c = 0; c < count; ++c) {
      outputs_of(outputs, first + c, kinds).col((first + c) / kinds) = costs.col(c);
    }
  };
  for_each_block(settings.samples * kinds, settings.threads, work, settings.progress);
  return outputs;
}

} // namespace

SobolRun sobol_analysis(const Model& model, int option, const SobolSettings& settings)
{
  SobolRun run;
  run.problem = settings_problem(model, option, settings);
  if (!run.problem.empty()) {
    return run;
  }
  std::vector<Distribution> marginals;
  for (const ModelInput& input : model.inputs()) {
    marginals.push_back(input.distribution);
  }
  const Sampler sampler(std::move(marginals), Matrix(), settings.seed);
  const std::optional<ShiftedSequence> quasi = shifted_sequence(sampler.dimensions(), settings);
  DrawWatch watch(model);
  const SobolOutputs outputs = evaluate_design(model, sampler, quasi, option, settings, watch);
  run.overflow = watch.problem("evaluation");
  if (run.overflow) {
    return run;
  }
  const auto inputs = static_cast<std::int64_t>(model.inputs().size());
  const bool sobol = settings.design == SobolDesign::sobol;
  run.analysis = SobolAnalysis{
    option,
    settings.samples,
    settings.design,
    sobol ? settings.scramblings : 0,
    sobol ? 0 : settings.resamples,
    settings.seed,
    settings.confidence,
    settings.samples * (inputs + k_design_ab),
    model.correlation().size() > 0,
    sobol ? sobol_indices_replicated(outputs, settings.scramblings, settings.confidence)
          : sobol_indices(outputs, settings.resamples, settings.seed, settings.confidence,
                          settings.threads)};
  return run;
}

std::string to_string(SobolDesign design)
{
  return design == SobolDesign::sobol ? "sobol" : "random";
}

std::string interval_method(SobolDesign design)
{
  return design == SobolDesign::sobol ? "student_t" : "percentile_bootstrap";
}

} // namespace carecast
