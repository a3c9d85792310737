package io.pushmon.system.faults;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fault scenario: every test gets a system of its own, because a fault injected into a shared one would
 * leak into the next scenario's ledger. Override {@link #newRig()} for a system with special settings.
 */
abstract class FaultScenario {

    FaultRig rig;

    FaultRig newRig() {
        return FaultRig.start();
    }

    @BeforeEach
    void startRig() {
        rig = newRig();
    }

    @AfterEach
    void closeRig() {
        rig.close();
    }
}
