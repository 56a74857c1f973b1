package io.solarmrv.edge;

import picocli.CommandLine;

/**
 * The agent's own entry point, as the gateway distribution starts it ({@code bin/solar-mrv-agent},
 * on edge-agent's classpath alone): {@link AgentCommand}'s options, e.g. {@code --config
 * /etc/solar-mrv/agent.properties}; exit status 0, or 2 for settings it refuses.
 */
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentCommand()).execute(args));
    }
}
