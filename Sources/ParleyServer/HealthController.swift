import Engines
import Hummingbird
import Prometheus

/// `GET /health` (liveness, with the store in use, the version and the local engines found) and
/// `GET /metrics` (Prometheus).
struct HealthController {
    static let version = "0.1.0"
    let storeKind: String
    let engines: EngineInventory
    let registry: PrometheusCollectorRegistry

    func addRoutes(to router: Router<ParleyRequestContext>) {
        router.get("health", use: health)
        router.get("metrics", use: metrics)
    }

    @Sendable func health(_ request: Request, context: ParleyRequestContext) async throws -> HealthResponse {
        HealthResponse(status: "ok", store: storeKind, version: Self.version, engines: .init(engines))
    }

    @Sendable func metrics(_ request: Request, context: ParleyRequestContext) async throws -> Response {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(8 * 1024)
        registry.emit(into: &buffer)
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: buffer))
        )
    }
}

struct HealthResponse: ResponseEncodable {
    /// The local engines in the models directory, by the names agents use for them.
    struct Engines: Encodable {
        let llmModels: [String]
        let sttModels: [String]
        let ttsVoices: [String]

        enum CodingKeys: String, CodingKey {
            case llmModels = "llm_models"
            case sttModels = "stt_models"
            case ttsVoices = "tts_voices"
        }

        init(_ inventory: EngineInventory) {
            llmModels = inventory.languageModels.sorted()
            sttModels = inventory.speechToTextModels.sorted()
            ttsVoices = inventory.piperVoices.keys.sorted()
        }
    }

    let status: String
    let store: String
    let version: String
    let engines: Engines
}
