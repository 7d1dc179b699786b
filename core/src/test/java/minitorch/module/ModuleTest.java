package minitorch.module;

import static minitorch.testing.TensorGens.ints;
import static minitorch.testing.TensorGens.smallDoubles;
import static minitorch.testing.TensorGens.theory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import minitorch.scalar.Scalar;

/** The original's tests/test_module.py (§2.2) in Java form: registration replaces __setattr__. */
class ModuleTest {

    // ---- test_stacked_demo ---------------------------------------------------------------------

    static final class ModuleA1 extends Module {
        final Parameter<Double> p1 = addParameter("p1", 5.0);
        final int nonParam = 10;
        final ModuleA2 a = addModule("a", new ModuleA2());
        final ModuleA3 b = addModule("b", new ModuleA3());
    }

    static final class ModuleA2 extends Module {
        final Parameter<Double> p2 = addParameter("p2", 10.0);
    }

    static final class ModuleA3 extends Module {
        final ModuleA4 c = addModule("c", new ModuleA4());
    }

    static final class ModuleA4 extends Module {
        final Parameter<Double> p3 = addParameter("p3", 15.0);
    }

    @Test
    void stackedDemo() {
        ModuleA1 mod = new ModuleA1();
        assertEquals("""
                ModuleA1(
                  (a): ModuleA2()
                  (b): ModuleA3(
                    (c): ModuleA4()
                  )
                )""", mod.toString());
        assertEquals(5.0, mod.p1.value());
        assertEquals(10, mod.nonParam);
        Map<String, Parameter<?>> np = mod.namedParameters();
        assertEquals(List.of("p1", "a.p2", "b.c.p3"), List.copyOf(np.keySet()));
        assertEquals(5.0, np.get("p1").value());
        assertEquals(10.0, np.get("a.p2").value());
        assertEquals(15.0, np.get("b.c.p3").value());
        assertSame(mod.b.c.p3, np.get("b.c.p3"));
        assertEquals(List.of(mod.a, mod.b), mod.modules());
    }

    // ---- test_module / test_stacked_module -----------------------------------------------------

    static final class Module1 extends Module {
        final Module2 moduleA;
        final Module2 moduleB;
        final Parameter<Double> parameterA;

        Module1(int sizeA, int sizeB, double val) {
            moduleA = addModule("module_a", new Module2(sizeA));
            moduleB = addModule("module_b", new Module2(sizeB));
            parameterA = addParameter("parameter_a", val);
        }
    }

    static final class Module2 extends Module {
        final Parameter<Double> parameterA = addParameter("parameter_a", 50.0);
        final Parameter<Double> parameterB = addParameter("parameter_b", 100.0);
        final int nonParameter = 10;
        final Module3 moduleC = addModule("module_c", new Module3());

        Module2(int extra) {
            for (int i = 0; i < extra; i++) {
                addParameter("extra_parameter_" + i, 0.0);
            }
        }
    }

    static final class Module3 extends Module {
        final Parameter<Double> parameterA = addParameter("parameter_a", 50.0);
    }

    @Test
    void module() {
        theory(50).forAll(ints(1, 20), ints(1, 20)).checkAssert((sizeA, sizeB) -> {
            Module2 module = new Module2(0);
            module.eval();
            assertFalse(module.isTraining());
            module.train();
            assertTrue(module.isTraining());
            assertEquals(3, module.parameters().size());

            module = new Module2(sizeB);
            assertEquals(sizeB + 3, module.parameters().size());

            module = new Module2(sizeA);
            Map<String, Parameter<?>> named = module.namedParameters();
            assertEquals(50.0, named.get("parameter_a").value());
            assertEquals(100.0, named.get("parameter_b").value());
            assertEquals(0.0, named.get("extra_parameter_0").value());
            assertEquals(50.0, named.get("module_c.parameter_a").value());
            assertEquals(10, module.nonParameter);
        });
    }

    @Test
    void stackedModule() {
        theory(50).forAll(ints(1, 20), ints(1, 20), smallDoubles()).checkAssert((sizeA, sizeB, val) -> {
            Module1 module = new Module1(sizeA, sizeB, val);
            module.eval();
            assertFalse(module.isTraining());
            assertFalse(module.moduleA.isTraining());
            assertFalse(module.moduleB.isTraining());
            assertFalse(module.moduleB.moduleC.isTraining(), "eval reaches grandchildren");
            module.train();
            assertTrue(module.isTraining());
            assertTrue(module.moduleA.isTraining());
            assertTrue(module.moduleB.isTraining());
            assertTrue(module.moduleA.moduleC.isTraining());

            assertEquals(1 + (sizeA + 3) + (sizeB + 3), module.parameters().size());
            Map<String, Parameter<?>> named = module.namedParameters();
            assertEquals(val, named.get("parameter_a").value());
            assertEquals(50.0, named.get("module_a.parameter_a").value());
            assertEquals(100.0, named.get("module_a.parameter_b").value());
            assertEquals(50.0, named.get("module_b.parameter_a").value());
            assertEquals(100.0, named.get("module_b.parameter_b").value());
            assertEquals("parameter_a", module.namedParameters().firstEntry().getKey(), "own parameters come before the children's");
        });
    }

    // ---- registration, lookup and printing --------------------------------------------------------

    @Test
    void lookupByNameAndHelpfulErrors() {
        Module2 m = new Module2(1);
        assertSame(m.parameterB, m.parameter("parameter_b"));
        assertSame(m.moduleC, m.module("module_c"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.parameter("nope"));
        assertEquals("Module2 has no parameter 'nope'; it has [parameter_a, parameter_b, extra_parameter_0]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.module("nope"));
        assertThrows(IllegalArgumentException.class, () -> m.addParameter("parameter_a", 1.0));
        assertThrows(IllegalArgumentException.class, () -> m.addModule("parameter_a", new Module3()));
        assertThrows(IllegalArgumentException.class, () -> m.addParameter("a.b", 1.0));
        assertThrows(IllegalArgumentException.class, () -> m.addModule("self", m));
    }

    @Test
    void toStringShowsExtraReprLikeTorch() {
        class Linear extends Module {
            @Override
            protected String extraRepr() { return "in=2, out=3"; }
        }
        class Net extends Module {
            Net() {
                addModule("layer1", new Linear());
                addModule("layer2", new Linear());
            }
        }
        assertEquals("Linear(in=2, out=3)", new Linear().toString());
        assertEquals("Net(\n  (layer1): Linear(in=2, out=3)\n  (layer2): Linear(in=2, out=3)\n)", new Net().toString());
        assertEquals("Module()", new Module().toString());
    }

    // ---- test_parameter ---------------------------------------------------------------------------

    @Test
    void parameterNamesItsScalarAndUpdateKeepsTheName() {
        Module m = new Module();
        Parameter<Scalar> p = m.addParameter("weight", new Scalar(2.0));
        assertEquals("weight", p.name());
        assertEquals("weight", p.value().name());
        Scalar next = new Scalar(3.0);
        p.update(next);
        assertSame(next, p.value());
        assertEquals("weight", next.name());
        assertEquals("Scalar(3.0)", p.toString());
        assertThrows(NullPointerException.class, () -> p.update(null));
    }
}
