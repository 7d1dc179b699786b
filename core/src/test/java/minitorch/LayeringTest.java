package minitorch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's layers, checked on the compiled library: data flows down and never up. From the bottom:
 * {@code layout} (storage, strides, broadcasting), {@code ops} (the kernel interface, the op tables and
 * SimpleOps), {@code ops.fast} and {@code ops.cuda} (the kernel sets), {@code backend} (the registry naming
 * them), {@code tensor} (Tensor, autograd's functions), then nn, optim and the rest.
 */
class LayeringTest {
    private static final JavaClasses LIBRARY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("minitorch");

    @Test
    void noPackageCycle() {
        // "(**)" makes every package its own slice, so ops.fast and ops are told apart.
        slices().matching("minitorch.(**)").should().beFreeOfCycles().check(LIBRARY);
    }

    @Test
    void theLayoutKnowsNothingAbove() {
        noClasses().that().resideInAPackage("minitorch.layout")
                .should().dependOnClassesThat().resideInAnyPackage("minitorch.ops..", "minitorch.backend..",
                        "minitorch.tensor..", "minitorch.autodiff..", "minitorch.nn..")
                .check(LIBRARY);
    }

    @Test
    void kernelsNeverSeeTensorsOrGradients() {
        noClasses().that().resideInAPackage("minitorch.ops..")
                .should().dependOnClassesThat().resideInAnyPackage("minitorch.backend..", "minitorch.tensor..",
                        "minitorch.autodiff..", "minitorch.nn..", "minitorch.optim..")
                .check(LIBRARY);
    }

    @Test
    void theReferenceKernelsUseNoKernelSet() {
        // SimpleOps is what every fast path is tested against: it must not lean on one.
        noClasses().that().resideInAPackage("minitorch.ops")
                .should().dependOnClassesThat().resideInAnyPackage("minitorch.ops.fast..", "minitorch.ops.cuda..")
                .check(LIBRARY);
    }

    @Test
    void theRegistryIsTheOnlyPlaceThatNamesAKernelSet() {
        noClasses().that().resideInAnyPackage("minitorch.tensor..", "minitorch.nn..", "minitorch.optim..",
                        "minitorch.module..", "minitorch.autodiff..", "minitorch.io..", "minitorch.data..")
                .should().dependOnClassesThat().resideInAnyPackage("minitorch.ops.fast..", "minitorch.ops.cuda..")
                .check(LIBRARY);
    }
}
