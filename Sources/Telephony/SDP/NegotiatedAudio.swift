/// The audio stream two sides agreed on through an offer and an answer: the codec, where to send
/// RTP, and the payload type of RFC 4733 telephone events if both take them.
public struct NegotiatedAudio: Sendable, Equatable {
    public var codec: RTPAudioCodec
    /// The payload type the codec is sent under (its static one, or the offer's dynamic one).
    public var payloadType: UInt8
    /// `telephone-event/8000`'s payload type, when offered.
    public var telephoneEventPayloadType: UInt8?
    public var remoteAddress: String
    public var remotePort: Int
    /// The direction of the stream as the remote side described it.
    public var remoteDirection: MediaDirection

    public init(codec: RTPAudioCodec, payloadType: UInt8, telephoneEventPayloadType: UInt8?, remoteAddress: String, remotePort: Int, remoteDirection: MediaDirection) {
        self.codec = codec
        self.payloadType = payloadType
        self.telephoneEventPayloadType = telephoneEventPayloadType
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.remoteDirection = remoteDirection
    }

    /// Reads the first usable audio stream of `description` (an offer, or the answer to Parley's
    /// offer), taking the first of its codecs that Parley has, in the order it prefers them.
    public init(from description: SessionDescription) throws(SDPError) {
        guard let audio = description.media.first(where: { $0.type == "audio" && $0.port != 0 && $0.proto.uppercased() == "RTP/AVP" }) else {
            throw .noAudio
        }
        guard let address = audio.connectionAddress ?? description.connectionAddress else { throw .noAddress }
        var chosen: (RTPAudioCodec, Int)?
        var telephoneEvent: Int?
        for format in audio.formats {
            guard let encoding = audio.encoding(of: format), encoding.clockRate == RTPAudioCodec.clockRate else { continue }
            if chosen == nil, let codec = RTPAudioCodec(rawValue: encoding.name) { chosen = (codec, format) }
            if telephoneEvent == nil, encoding.name == "TELEPHONE-EVENT" { telephoneEvent = format }
        }
        guard let (codec, payloadType) = chosen else { throw .noCommonCodec }
        self.init(
            codec: codec, payloadType: UInt8(payloadType), telephoneEventPayloadType: telephoneEvent.map(UInt8.init),
            remoteAddress: address, remotePort: audio.port, remoteDirection: audio.direction
        )
    }

    /// Parley's answer: this stream at `address`:`port`, the direction mirrored.
    public func answer(address: String, port: Int, sessionID: UInt64, version: UInt64) -> SessionDescription {
        Self.description(
            address: address, port: port, sessionID: sessionID, version: version,
            codecs: [(codec, payloadType)], telephoneEvent: telephoneEventPayloadType, direction: remoteDirection.answered
        )
    }

    /// Parley's offer for a call it places: PCMU, PCMA and telephone events at `address`:`port`.
    public static func offer(address: String, port: Int, sessionID: UInt64) -> SessionDescription {
        description(
            address: address, port: port, sessionID: sessionID, version: sessionID,
            codecs: RTPAudioCodec.allCases.map { ($0, $0.payloadType) }, telephoneEvent: defaultTelephoneEventPayloadType, direction: .sendrecv
        )
    }

    /// The dynamic payload type Parley offers telephone events under.
    public static let defaultTelephoneEventPayloadType: UInt8 = 101

    private static func description(
        address: String, port: Int, sessionID: UInt64, version: UInt64, codecs: [(RTPAudioCodec, UInt8)], telephoneEvent: UInt8?, direction: MediaDirection
    ) -> SessionDescription {
        var maps: [Int: String] = [:]
        for (codec, payloadType) in codecs { maps[Int(payloadType)] = "\(codec.rawValue)/\(RTPAudioCodec.clockRate)" }
        var parameters: [Int: String] = [:]
        var formats = codecs.map { Int($0.1) }
        if let telephoneEvent {
            formats.append(Int(telephoneEvent))
            maps[Int(telephoneEvent)] = "telephone-event/\(RTPAudioCodec.clockRate)"
            parameters[Int(telephoneEvent)] = "0-16"
        }
        let audio = MediaDescription(port: port, formats: formats, rtpMaps: maps, formatParameters: parameters, direction: direction, packetTime: 20)
        return SessionDescription(sessionID: sessionID, sessionVersion: version, originAddress: address, connectionAddress: address, media: [audio])
    }
}
