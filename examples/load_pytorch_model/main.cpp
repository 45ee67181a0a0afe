// Loads a model that PyTorch traced and saved with torch.jit.save, prints what is inside,
// runs it, and compares the result with PyTorch's output:
//
//   load_pytorch_model MODEL.pt EXPECTED.pt
//
// EXPECTED.pt is a file written by torch.save({"input": x, "output": model(x)}, path)
// (make_model.py writes both files). Exits with status 1 if the outputs differ.
#include <wick/wick.h>

#include <iostream>

using namespace wick;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " MODEL.pt EXPECTED.pt\n";
    return 2;
  }
  try {
    jit::ScriptModule model = jit::load(argv[1]);
    model.eval();
    std::cout << "loaded " << model.type_name() << "\n";
    for (const std::string& name : model.method_names()) {
      std::cout << "  " << model.get_method(name).schema() << "\n";
    }
    int64_t count = 0;
    for (const Tensor& p : model.parameters()) count += p.numel();
    std::cout << "  " << count << " parameters in " << model.modules().size() << " modules\n";

    // Tensors saved with torch.save, read without running any pickled code.
    nn::StateDict expected = load_state_dict_file(argv[2]);
    const Tensor& input = expected["input"];
    const Tensor& want = expected["output"];

    Tensor got = model.forward({input}).toTensor();
    double diff = (got - want).abs().max().item<double>();
    std::cout << "input " << input.sizes() << " -> output " << got.sizes()
              << ", max |wick - torch| = " << diff << "\n";
    std::cout << "predicted classes:";
    for (int64_t c : got.argmax(1).to_vector<int64_t>()) std::cout << " " << c;
    std::cout << "\n";
    if (got.sizes().vec() != want.sizes().vec() || diff > 1e-5) {
      std::cerr << "wick's output differs from PyTorch's\n";
      return 1;
    }
    return 0;
  } catch (const Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
