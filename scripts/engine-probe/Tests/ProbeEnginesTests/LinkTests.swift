import ProbeEngines
import Testing

@Test func enginesLoadInTheTestBinary() {
    #expect(whisperSystemInfo().contains("CPU"))
    #expect(sherpaOnnxVersion().hasPrefix("2."))
}
