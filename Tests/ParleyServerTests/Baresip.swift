import Audio
import Foundation
import NIOCore
import NIOPosix
import TestSupport

/// baresip (Debian `baresip-core`, 1.0) as a headless SIP phone: a throwaway config directory,
/// bound to loopback, PCMU/PCMA only, a WAV file as its microphone (`aufile`) and every decoded
/// frame it hears dumped to a WAV file (`sndfile`; `aubridge` stands in for a speaker), steered
/// by `-e` commands and its UDP console (`cons`): no audio device, no terminal.
enum Baresip {
    static let path = "/usr/bin/baresip"
    static let modules = "/usr/lib/baresip/modules"
    private static let needed = ["g711", "aufile", "aubridge", "sndfile", "cons", "account", "menu"]

    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: path)
            && needed.allSatisfy { FileManager.default.fileExists(atPath: "\(modules)/\($0).so") }
    }

    struct Run {
        /// baresip's own SIP address, `127.0.0.1:port`.
        var address: String
        /// Its config directory, with its log (`baresip.log`) and what it recorded (`dump-*.wav`).
        var directory: String
        var status: Int32
        /// baresip's log with its SIP trace (`-v -s`), colours removed.
        var output: String
        /// What baresip decoded from the far end, at 8 kHz; `nil` when no call got media.
        var heard: PCMAudio?

        /// One message of the SIP trace: whether baresip sent it (rather than received it), and its
        /// text: the start line, the header fields and, after a blank line, the body if any.
        struct Message {
            var sent: Bool
            var text: String
            var startLine: Substring { text.prefix { $0 != "\n" } }
            /// The `CSeq` method, for telling a BYE's 200 from an INVITE's.
            var cseqMethod: Substring? {
                text.split(separator: "\n").first { $0.lowercased().hasPrefix("cseq:") }?.split(separator: " ").last
            }
        }

        /// The SIP messages of the `-s` trace, in order. Each is printed as `#`, then
        /// `UDP from -> to`, then the message.
        var sipMessages: [Message] {
            output.components(separatedBy: "\n#\n").dropFirst().compactMap { block in
                guard let newline = block.firstIndex(of: "\n") else { return nil }
                let route = block[..<newline]
                guard route.hasPrefix("UDP ") || route.hasPrefix("TCP ") else { return nil }
                let message = block[block.index(after: newline)...]
                // The trace puts a blank line after the message: the second blank line (the first ends the
                // header section) is where baresip's log resumes.
                var kept: [Substring] = []
                var blanks = 0
                for line in message.split(separator: "\n", omittingEmptySubsequences: false) {
                    if line.isEmpty { blanks += 1 }
                    if blanks == 2 { break }
                    kept.append(line)
                }
                return Message(sent: route.dropFirst(4).hasPrefix(address + " "), text: kept.joined(separator: "\n"))
            }
        }

        /// The end of the log, for a failure message.
        var tail: String { String(output.suffix(6_000)) }
    }

    /// baresip's `cons` console: menu commands (`/hangup`, `/quit`) sent to it over UDP.
    struct Console: Sendable {
        let port: Int

        func send(_ command: String) async throws {
            let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
            defer { channel.close(promise: nil) }
            let address = try SocketAddress(ipAddress: "127.0.0.1", port: port)
            try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: ByteBuffer(string: command + "\n"))).get()
        }
    }

    /// Calls `uri` as `user@127.0.0.1`, speaking `source` (mono; resampled to 8 kHz, as `aufile`
    /// plays only at the codec's rate), and runs `body` meanwhile. When `body` returns, baresip
    /// hangs up (BYE) and quits; before that, it hangs up by itself if `source` ends, and quits
    /// after `quitAfter` seconds (`-t`); it is killed if it is still there 10 s later. Returns
    /// once it exits, without blocking a thread.
    static func dial(
        _ uri: String,
        as user: String = "+15550001111",
        speaking source: PCMAudio,
        quitAfter seconds: Int,
        whileRunning body: () async throws -> Void = {}
    ) async throws -> Run {
        let directory = try makeTemporaryDirectory() + "/baresip"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let microphone = directory + "/microphone.wav"
        try Data(WAVFile.write(source.sampleRate == 8_000 ? source : source.resampled(to: 8_000))).write(to: URL(fileURLWithPath: microphone))
        // Clear of the ranges the server tests give Parley (30000-39200) and SIPp (41000-45999).
        let sipPort = Int.random(in: 46_000...47_999)
        let console = Console(port: sipPort + 2_000)
        let rtpBase = Int.random(in: 51_000...55_000) & ~1
        let config = """
            poll_method\t\tepoll
            sip_listen\t\t127.0.0.1:\(sipPort)
            net_interface\t\t127.0.0.1
            call_local_timeout\t\(seconds)
            call_max_calls\t\t1
            audio_player\t\taubridge,nowhere
            audio_alert\t\taubridge,nowhere
            audio_source\t\taufile,\(microphone)
            audio_buffer\t\t60
            rtp_ports\t\t\(rtpBase)-\(rtpBase + 20)
            jitter_buffer_delay\t1-5
            statmode_default\toff
            ringback_disabled\tyes
            snd_path\t\t\(directory)
            cons_listen\t\t127.0.0.1:\(console.port)
            module_path\t\t\(modules)
            module\t\t\tg711.so
            module\t\t\taufile.so
            module\t\t\taubridge.so
            module\t\t\tsndfile.so
            module\t\t\tcons.so
            module_tmp\t\taccount.so
            module_app\t\tmenu.so

            """
        try config.write(toFile: directory + "/config", atomically: true, encoding: .utf8)
        // No registration: baresip dials straight to the URI's host.
        try "<sip:\(user)@127.0.0.1>;regint=0\n".write(toFile: directory + "/accounts", atomically: true, encoding: .utf8)

        let logPath = directory + "/baresip.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        defer { try? log.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.arguments = ["-f", directory, "-v", "-s", "-e", "/dial \(uri)", "-t", String(seconds)]
        process.standardInput = FileHandle.nullDevice
        // A file, not a pipe: the SIP trace and debug log can outgrow a pipe's buffer.
        process.standardOutput = log
        process.standardError = log
        let (exits, exited) = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingNewest(1))
        process.terminationHandler = {
            exited.yield($0.terminationStatus)
            exited.finish()
        }
        try process.run()
        let watchdog = Task {
            try await Task.sleep(for: .seconds(seconds + 10))
            process.terminate()
        }
        defer { watchdog.cancel() }
        do {
            try await body()
            // The call ends with a BYE; quitting waits for its transaction to finish.
            try await console.send("/hangup")
            try await Task.sleep(for: .milliseconds(200))
            try await console.send("/quit")
        } catch {
            process.terminate()
            for await _ in exits {}
            throw error
        }
        var status: Int32 = -1
        for await code in exits { status = code }

        let raw = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        let output = raw.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
            .replacingOccurrences(of: "\r\n", with: "\n")
        let dump = try FileManager.default.contentsOfDirectory(atPath: directory).first { $0.hasPrefix("dump-") && $0.hasSuffix("-dec.wav") }
        let heard = try dump.map { try WAVFile.read(Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0)))) }
        return Run(address: "127.0.0.1:\(sipPort)", directory: directory, status: status, output: output, heard: heard)
    }
}
