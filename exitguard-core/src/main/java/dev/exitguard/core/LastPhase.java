package dev.exitguard.core;

import java.util.List;

/**
 * The actions of an exit's last phase, known only when the exit reaches it: the JVM's other
 * shutdown hooks, adopted (see {@link ForeignHooks}).
 */
interface LastPhase {

    /** Called once, by the coordinator, when every other phase is over; may return nothing. */
    List<ActionEntry> take();
}
