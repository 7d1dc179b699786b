package minitorch.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * PyTorch (one intra-op thread) for a test class: started before its tests, closed after them. Register it as a
 * static field with {@code @RegisterExtension}; {@link #peer} skips the calling test, with the reason, where
 * libtorch could not start.
 */
final class TorchFixture implements BeforeAllCallback, AfterAllCallback {
    private TorchPeer torch;
    private String whyNot;

    @Override
    public void beforeAll(ExtensionContext context) {
        String[] why = new String[1];
        torch = TorchPeer.start(1, why);
        whyNot = why[0];
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (torch != null) torch.close();
    }

    /** The running peer; the test is skipped (assumption) when there is none. */
    TorchPeer peer() {
        assumeTrue(torch != null, () -> whyNot);
        return torch;
    }
}
