import ProbeEngines

runProbe(CommandLine.arguments)
