<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en_US">
<context>
    <name>AppSettings</name>
    <message>
        <source>technician</source>
        <translation>Techniker</translation>
    </message>
    <message>
        <source>grader</source>
        <translation>Bewerter</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>Aufsicht</translation>
    </message>
    <message>
        <source>Database: &quot;%1&quot; is neither sqlite:PATH nor postgresql://user@host:port/db.</source>
        <translation>Datenbank: „%1“ ist weder sqlite:PFAD noch postgresql://benutzer@host:port/db.</translation>
    </message>
    <message>
        <source>Policy file: %1</source>
        <translation>Bewertungsrichtlinie: %1</translation>
    </message>
    <message>
        <source>Users: every user needs a name and one of the roles %1.</source>
        <translation>Benutzer: Jeder Benutzer braucht einen Namen und eine der Rollen %1.</translation>
    </message>
    <message>
        <source>Language: &quot;%1&quot; is not one of %2.</source>
        <translation>Sprache: „%1“ ist keine von %2.</translation>
    </message>
</context>
<context>
    <name>GradeText</name>
    <message>
        <source>REUSE</source>
        <translation>WIEDERVERWENDUNG</translation>
    </message>
    <message>
        <source>REPURPOSE</source>
        <translation>UMNUTZUNG</translation>
    </message>
    <message>
        <source>RECYCLE</source>
        <translation>RECYCLING</translation>
    </message>
    <message>
        <source>RETEST</source>
        <translation>NACHPRÜFUNG</translation>
    </message>
    <message>
        <source>EV reuse</source>
        <translation>E-Fahrzeug</translation>
    </message>
    <message>
        <source>Light-EV reuse</source>
        <translation>Leicht-E-Fahrzeug</translation>
    </message>
    <message>
        <source>Stationary storage</source>
        <translation>Stationärspeicher</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>BMS cross-check</source>
        <translation>BMS-Plausibilitätsprüfung</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>nicht gemessen</translation>
    </message>
    <message>
        <source>%1 mV</source>
        <translation>%1 mV</translation>
    </message>
    <message>
        <source>%1 mV/day</source>
        <translation>%1 mV/Tag</translation>
    </message>
    <message>
        <source>%1 °C</source>
        <translation>%1 °C</translation>
    </message>
    <message>
        <source>%1 Ω/V</source>
        <translation>%1 Ω/V</translation>
    </message>
    <message>
        <source>%1 % ± %2 % (interval %3 … %4 %)</source>
        <translation>%1 % ± %2 % (Intervall %3 … %4 %)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Cannot start the simulator</source>
        <translation>Simulator kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>Cannot use this profile</source>
        <translation>Dieses Profil ist nicht verwendbar</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>simulator: cannot serve SCPI: %1</source>
        <translation>Simulator: SCPI-Dienst nicht möglich: %1</translation>
    </message>
</context>
<context>
    <name>ResultTables</name>
    <message>
        <source>pass</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>NICHT BESTANDEN</translation>
    </message>
    <message>
        <source>straddles: retest</source>
        <translation>grenzwertig: nachprüfen</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>nicht gemessen</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>keine gefunden</translation>
    </message>
    <message>
        <source>none allowed</source>
        <translation>keine zulässig</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Verwendung</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Grenzwert</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>Abstand</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>The conservative end of the measured interval</source>
        <translation>Die ungünstige Grenze des Messintervalls</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Modul</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <source>SoH C</source>
        <translation>SoH C</translation>
    </message>
    <message>
        <source>SoH R</source>
        <translation>SoH R</translation>
    </message>
    <message>
        <source>Spread</source>
        <translation>Streuung</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>SoH capacity</source>
        <translation>SoH Kapazität</translation>
    </message>
    <message>
        <source>SoH resistance (R0 new / R0 now)</source>
        <translation>SoH Innenwiderstand (R0 neu / R0 jetzt)</translation>
    </message>
    <message>
        <source>Cell voltage spread at rest</source>
        <translation>Zellspannungsstreuung in Ruhe</translation>
    </message>
    <message>
        <source>replace</source>
        <translation>tauschen</translation>
    </message>
    <message>
        <source>weak: −%1 pts</source>
        <translation>schwach: −%1 Pkt.</translation>
    </message>
</context>
<context>
    <name>SessionRecovery</name>
    <message>
        <source>%1: closed (interrupted, every sample kept)</source>
        <translation>%1: geschlossen (unterbrochen, alle Messwerte erhalten)</translation>
    </message>
    <message>
        <source>%1: not closed: %2</source>
        <translation>%1: nicht geschlossen: %2</translation>
    </message>
    <message>
        <source>• %1 (%2, started %3)</source>
        <translation>• %1 (%2, begonnen %3)</translation>
    </message>
    <message>
        <source>Interrupted test sessions</source>
        <translation>Unterbrochene Prüfsitzungen</translation>
    </message>
    <message numerus="yes">
        <source>%n test session(s) were left running when PackGrade stopped last time:</source>
        <translation>
            <numerusform>%n Prüfsitzung lief noch, als PackGrade zuletzt beendet wurde:</numerusform>
            <numerusform>%n Prüfsitzungen liefen noch, als PackGrade zuletzt beendet wurde:</numerusform>
        </translation>
    </message>
    <message>
        <source>%1

Close them now: each is marked interrupted and sealed with every sample it has, and can then be graded. To continue one instead, leave it and run `packgrade-cli session resume DIR` (simulated packs).</source>
        <translation>%1

Jetzt schließen: Jede wird als unterbrochen markiert und mit allen vorhandenen Messwerten versiegelt und kann dann bewertet werden. Um eine stattdessen fortzusetzen, lassen Sie sie offen und führen `packgrade-cli session resume DIR` aus (simulierte Packs).</translation>
    </message>
    <message>
        <source>Close them</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Leave them</source>
        <translation>Offen lassen</translation>
    </message>
    <message>
        <source>Sessions closed</source>
        <translation>Sitzungen geschlossen</translation>
    </message>
    <message>
        <source>Session %1: %2 %3 (%4).</source>
        <translation>Sitzung %1: %2 %3 (%4).</translation>
    </message>
    <message>
        <source>plan</source>
        <translation>Prüfplan</translation>
    </message>
    <message>
        <source>procedure</source>
        <translation>Prüfablauf</translation>
    </message>
    <message>
        <source>Finished before the interruption: none.</source>
        <translation>Vor der Unterbrechung abgeschlossen: nichts.</translation>
    </message>
    <message>
        <source>Finished before the interruption: %1.</source>
        <translation>Vor der Unterbrechung abgeschlossen: %1.</translation>
    </message>
    <message>
        <source>Cut short: the plan had not reached its first step.</source>
        <translation>Abgebrochen: Der Prüfplan hatte seinen ersten Schritt noch nicht erreicht.</translation>
    </message>
    <message>
        <source>Cut short: %1.</source>
        <translation>Abgebrochen: %1.</translation>
    </message>
    <message>
        <source>Resume runs in the same folder. First the BMS snapshot, the identity and the safety pre-check at rest run again (the pack may have changed while PackGrade was down), then:</source>
        <translation>Die Fortsetzung läuft im selben Ordner. Zuerst laufen BMS-Momentaufnahme, Identifikation und die Sicherheitsvorprüfung in Ruhe erneut (der Akku kann sich verändert haben, während PackGrade nicht lief), danach:</translation>
    </message>
    <message>
        <source>Resume runs in the same folder. First the BMS snapshot and the identity are read again, before the load is switched on, then:</source>
        <translation>Die Fortsetzung läuft im selben Ordner. Zuerst werden BMS-Momentaufnahme und Identifikation erneut gelesen, bevor die Last eingeschaltet wird, danach:</translation>
    </message>
    <message>
        <source>%1 — every step runs again, the finished ones too: a grade is made from one unbroken run of the plan.</source>
        <translation>%1 – jeder Schritt läuft erneut, auch die abgeschlossenen: Eine Bewertung entsteht aus einem ununterbrochenen Durchlauf des Prüfplans.</translation>
    </message>
    <message>
        <source>The interrupted attempt is kept, sealed, in %1.</source>
        <translation>Der unterbrochene Versuch bleibt versiegelt in %1 erhalten.</translation>
    </message>
    <message>
        <source>Simulated pack: it restarts at the state of charge the attempt left it (the charge it took out is subtracted).</source>
        <translation>Simulierter Akku: Er startet mit dem Ladezustand neu, den der Versuch hinterlassen hat (die entnommene Ladung wird abgezogen).</translation>
    </message>
    <message>
        <source>Connect the same pack on the Bench screen before resuming.</source>
        <translation>Schließen Sie vor dem Fortsetzen denselben Akku im Bildschirm „Prüfplatz“ an.</translation>
    </message>
    <message>
        <source>Resume the interrupted session</source>
        <translation>Unterbrochene Sitzung fortsetzen</translation>
    </message>
    <message>
        <source>Resume %1?</source>
        <translation>%1 fortsetzen?</translation>
    </message>
    <message>
        <source>%1 cannot be resumed.</source>
        <translation>%1 kann nicht fortgesetzt werden.</translation>
    </message>
    <message>
        <source>%1

Close it instead: its data is kept and can be graded.</source>
        <translation>%1

Schließen Sie sie stattdessen: Ihre Daten bleiben erhalten und können bewertet werden.</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>%1

Resume continues the latest one (%2) in its folder; you will see what runs again first. Close marks each one interrupted and seals it with every sample it has; it can then be graded.</source>
        <translation>%1

„Fortsetzen“ setzt die neueste (%2) in ihrem Ordner fort; Sie sehen zuerst, was erneut läuft. „Schließen“ markiert jede als unterbrochen und versiegelt sie mit allen vorhandenen Messwerten; sie kann dann bewertet werden.</translation>
    </message>
    <message>
        <source>&amp;Resume the latest…</source>
        <translation>Neueste &amp;fortsetzen…</translation>
    </message>
</context>
<context>
    <name>pg::app::BenchController</name>
    <message>
        <source>Cannot connect</source>
        <translation>Verbindung nicht möglich</translation>
    </message>
    <message>
        <source>%1

Check that the adapter is plugged in, the name is right and the bitrate matches the pack.</source>
        <translation>%1

Prüfen Sie, ob der Adapter eingesteckt ist, der Name stimmt und die Bitrate zum Pack passt.</translation>
    </message>
    <message>
        <source>error-active</source>
        <translation>fehleraktiv</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>simulated pack %1 (SCPI load on 127.0.0.1:%2)</source>
        <translation>simuliertes Pack %1 (SCPI-Last auf 127.0.0.1:%2)</translation>
    </message>
    <message>
        <source>BUS-OFF</source>
        <translation>BUS-OFF</translation>
    </message>
    <message>
        <source>error-passive</source>
        <translation>fehlerpassiv</translation>
    </message>
    <message>
        <source>error-warning</source>
        <translation>Fehlerwarnung</translation>
    </message>
    <message>
        <source>error counters n/a</source>
        <translation>Fehlerzähler n. v.</translation>
    </message>
    <message>
        <source>TEC %1, REC %2</source>
        <translation>TEC %1, REC %2</translation>
    </message>
    <message>
        <source>%1 — load %2 % — %3 — %4 — %5 frames, %6 dropped</source>
        <translation>%1 — Buslast %2 % — %3 — %4 — %5 Frames, %6 verworfen</translation>
    </message>
    <message>
        <source>a test is already running; abort it first</source>
        <translation>Es läuft bereits eine Prüfung; brechen Sie sie zuerst ab</translation>
    </message>
    <message>
        <source>connect to a pack first (Bench screen)</source>
        <translation>Zuerst mit einem Pack verbinden (Ansicht Prüfplatz)</translation>
    </message>
</context>
<context>
    <name>pg::app::BenchPage</name>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>CAN adapter</source>
        <translation>CAN-Adapter</translation>
    </message>
    <message>
        <source>virtualcan:can0, socketcan:can0, slcan:/dev/ttyACM0, replay:FILE@speed</source>
        <translation>virtualcan:can0, socketcan:can0, slcan:/dev/ttyACM0, replay:DATEI@Tempo</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Adapter:</source>
        <translation>Schnittstelle:</translation>
    </message>
    <message>
        <source>%1 kbit/s</source>
        <translation>%1 kbit/s</translation>
    </message>
    <message>
        <source>Bitrate:</source>
        <translation>Bitrate (Baudrate):</translation>
    </message>
    <message>
        <source>Connect (listen-only)  [F5]</source>
        <translation>Verbinden (nur mithören)  [F5]</translation>
    </message>
    <message>
        <source>Cannot connect</source>
        <translation>Verbindung nicht möglich</translation>
    </message>
    <message>
        <source>A first connection only listens: the bench never transmits to a pack it does not know.</source>
        <translation>Eine erste Verbindung hört nur mit: Der Prüfplatz sendet nie an ein Pack, das er nicht kennt.</translation>
    </message>
    <message>
        <source>Built-in simulator (no pack on the bench)</source>
        <translation>Eingebauter Simulator (kein Pack am Prüfplatz)</translation>
    </message>
    <message>
        <source>Pack spec:</source>
        <translation>Pack-Beschreibung:</translation>
    </message>
    <message>
        <source> × real time</source>
        <translation> × Echtzeit</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>Tempo:</translation>
    </message>
    <message>
        <source>Start simulated pack</source>
        <translation>Simuliertes Pack starten</translation>
    </message>
    <message>
        <source>Pack profile</source>
        <translation>Pack-Profil</translation>
    </message>
    <message>
        <source>(none: frame monitor only)</source>
        <translation>(keins: nur Frame-Monitor)</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <source>&amp;Detect from traffic</source>
        <translation>Aus dem &amp;Busverkehr erkennen</translation>
    </message>
    <message>
        <source>Connect, let the pack talk for a few seconds, then detect.</source>
        <translation>Verbinden, das Pack einige Sekunden senden lassen, dann erkennen.</translation>
    </message>
    <message>
        <source>Pack rating (used by the procedures and the safety limits)</source>
        <translation>Nenndaten des Packs (für die Prüfabläufe und die Sicherheitsgrenzen)</translation>
    </message>
    <message>
        <source>Chemistry:</source>
        <translation>Zellchemie:</translation>
    </message>
    <message>
        <source> cells in series</source>
        <translation> Zellen in Reihe</translation>
    </message>
    <message>
        <source>Series:</source>
        <translation>Reihenschaltung:</translation>
    </message>
    <message>
        <source> Ah</source>
        <translation> Ah</translation>
    </message>
    <message>
        <source>Nominal capacity:</source>
        <translation>Nennkapazität:</translation>
    </message>
    <message>
        <source>Cannot start the simulator</source>
        <translation>Simulator kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>

Pick one of the specs in the list or check the file.</source>
        <translation>

Wählen Sie eine Beschreibung aus der Liste oder prüfen Sie die Datei.</translation>
    </message>
    <message>
        <source>No known profile matches the ids seen so far. Is the pack awake and the bitrate right?</source>
        <translation>Kein bekanntes Profil passt zu den bisher gesehenen IDs. Ist das Pack wach und die Bitrate richtig?</translation>
    </message>
    <message>
        <source>%1: %2 of %3 messages seen (%4 %)</source>
        <translation>%1: %2 von %3 Botschaften gesehen (%4 %)</translation>
    </message>
    <message>
        <source>Best match first:
%1</source>
        <translation>Beste Übereinstimmung zuerst:
%1</translation>
    </message>
    <message>
        <source>Cannot use this profile</source>
        <translation>Dieses Profil ist nicht verwendbar</translation>
    </message>
    <message>
        <source>Disconnect  [F5]</source>
        <translation>Trennen  [F5]</translation>
    </message>
    <message>
        <source>Stop simulated pack</source>
        <translation>Simuliertes Pack stoppen</translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation>Verbunden: %1</translation>
    </message>
</context>
<context>
    <name>pg::app::CellChart</name>
    <message>
        <source>cell</source>
        <translation>Zelle</translation>
    </message>
    <message>
        <source>outlier (&gt; %1 mV from the median)</source>
        <translation>Ausreißer (&gt; %1 mV vom Median)</translation>
    </message>
    <message>
        <source>cell (series group)</source>
        <translation>Zelle (Reihengruppe)</translation>
    </message>
    <message>
        <source>voltage (V)</source>
        <translation>Zellspannung (V)</translation>
    </message>
    <message>
        <source>no cell voltages yet</source>
        <translation>noch keine Zellspannungen</translation>
    </message>
    <message>
        <source>min %1 V (cell %2)  ·  mean %3 V  ·  max %4 V (cell %5)  ·  spread %6 mV
lines: min red, mean grey, max green  ·  orange bars: more than %7 mV from the median (%8 now)</source>
        <translation>min. %1 V (Zelle %2)  ·  Mittel %3 V  ·  max. %4 V (Zelle %5)  ·  Streuung %6 mV
Linien: min. rot, Mittel grau, max. grün  ·  orange Balken: mehr als %7 mV vom Median (jetzt %8)</translation>
    </message>
</context>
<context>
    <name>pg::app::CertificatePreview</name>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Drucken…</translation>
    </message>
    <message>
        <source>No certificate to preview: sign the grade first.</source>
        <translation>Kein Zertifikat zur Vorschau: Zuerst die Bewertung signieren.</translation>
    </message>
    <message>
        <source>Battery SoH certificate %1</source>
        <translation>Batterie-SoH-Zertifikat %1</translation>
    </message>
    <message>
        <source>Print certificate</source>
        <translation>Zertifikat drucken</translation>
    </message>
</context>
<context>
    <name>pg::app::ExportDialog</name>
    <message>
        <source>Export graded packs</source>
        <translation>Bewertete Packs exportieren</translation>
    </message>
    <message>
        <source>CSV (spreadsheets)</source>
        <translation>CSV (Tabellenkalkulation)</translation>
    </message>
    <message>
        <source>JSON (docs/export.schema.json)</source>
        <translation>JSON (docs/export.schema.json)</translation>
    </message>
    <message>
        <source>file to write</source>
        <translation>zu schreibende Datei</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>only packs graded since</source>
        <translation>nur Packs, bewertet seit</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Dateiformat</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Graded</source>
        <translation>Bewertet</translation>
    </message>
    <message>
        <source>One record per graded pack (its latest grade).</source>
        <translation>Ein Datensatz je bewertetem Pack (seine letzte Bewertung).</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Choose the file to export to.</source>
        <translation>Wählen Sie die Zieldatei für den Export.</translation>
    </message>
    <message>
        <source>Exporting to %1 …</source>
        <translation>Export nach %1 …</translation>
    </message>
    <message>
        <source>Export failed.</source>
        <translation>Export fehlgeschlagen.</translation>
    </message>
    <message numerus="yes">
        <source>%n graded pack(s) exported to %1.</source>
        <translation>
            <numerusform>%n bewertetes Pack nach %1 exportiert.</numerusform>
            <numerusform>%n bewertete Packs nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>pg::app::FadePlot</name>
    <message>
        <source>Cycles</source>
        <translation>Zyklen</translation>
    </message>
    <message>
        <source>Capacity (% of nominal)</source>
        <translation>Kapazität (% der Nennkapazität)</translation>
    </message>
    <message>
        <source>Range of fade models</source>
        <translation>Bereich der Alterungsmodelle</translation>
    </message>
    <message>
        <source>Fitted fade</source>
        <translation>Angepasste Alterung</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>Gemessen</translation>
    </message>
    <message>
        <source>%1 %: cycle %2</source>
        <translation>%1 %: Zyklus %2</translation>
    </message>
    <message>
        <source>%1 %: not reached</source>
        <translation>%1 %: nicht erreicht</translation>
    </message>
</context>
<context>
    <name>pg::app::FrameMonitorPage</name>
    <message>
        <source>Bus events</source>
        <translation>Busereignisse</translation>
    </message>
</context>
<context>
    <name>pg::app::FrameTableModel</name>
    <message>
        <source>remote request</source>
        <translation>Remote-Anforderung</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Rate (1/s)</source>
        <translation>Häufigkeit (1/s)</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>Last data</source>
        <translation>Letzte Daten</translation>
    </message>
</context>
<context>
    <name>pg::app::GradingScreens</name>
    <message>
        <source>Inventory not available</source>
        <translation>Bestand nicht verfügbar</translation>
    </message>
    <message>
        <source>%1

Check the database and policy in Settings (Ctrl+,).</source>
        <translation>%1

Prüfen Sie Datenbank und Bewertungsrichtlinie in den Einstellungen (Strg+,).</translation>
    </message>
    <message>
        <source>The session was not graded</source>
        <translation>Die Sitzung wurde nicht bewertet</translation>
    </message>
    <message>
        <source>%1

The session stays in %2; `packgrade-cli grade --session %2` grades it later.</source>
        <translation>%1

Die Sitzung bleibt in %2; `packgrade-cli grade --session %2` bewertet sie später.</translation>
    </message>
    <message>
        <source>No inventory</source>
        <translation>Kein Bestand</translation>
    </message>
    <message>
        <source>The grade is in %1/grade.json but no inventory is open: check the database in Settings.</source>
        <translation>Die Bewertung steht in %1/grade.json, aber kein Bestand ist geöffnet: Prüfen Sie die Datenbank in den Einstellungen.</translation>
    </message>
    <message>
        <source>The grade was not stored</source>
        <translation>Die Bewertung wurde nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>pg::app::InventoryPageModel</name>
    <message>
        <source>Serial</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>FIN</translation>
    </message>
    <message>
        <source>Part number</source>
        <translation>Teilenummer</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Graded (UTC)</source>
        <translation>Bewertet (UTC)</translation>
    </message>
    <message>
        <source>Chemistry</source>
        <translation>Zellchemie</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>wird geladen…</translation>
    </message>
</context>
<context>
    <name>pg::app::InventoryView</name>
    <message>
        <source>Serial, VIN or part number (starts with)</source>
        <translation>Seriennummer, FIN oder Teilenummer (beginnt mit)</translation>
    </message>
    <message>
        <source>Any grade</source>
        <translation>Jede Bewertung</translation>
    </message>
    <message>
        <source>Graded from</source>
        <translation>Bewertet von</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Suche:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>1 pack</source>
        <translation>1 Pack</translation>
    </message>
    <message>
        <source>%1 packs</source>
        <translation>%1 Packs</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>wird gezählt…</translation>
    </message>
</context>
<context>
    <name>pg::app::LivePage</name>
    <message>
        <source>pack</source>
        <translation>Pack</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>current</source>
        <translation>Strom</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>T max</source>
        <translation>T max.</translation>
    </message>
    <message>
        <source>°C</source>
        <translation>°C</translation>
    </message>
    <message>
        <source>Pack voltage</source>
        <translation>Packspannung</translation>
    </message>
    <message>
        <source>Current (+ discharge)</source>
        <translation>Strom (+ Entladung)</translation>
    </message>
    <message>
        <source>SoC (BMS)</source>
        <translation>Ladezustand laut BMS</translation>
    </message>
    <message>
        <source>Temperature min / max</source>
        <translation>Temperatur min. / max.</translation>
    </message>
    <message>
        <source>SoH (BMS)</source>
        <translation>SoH laut BMS</translation>
    </message>
    <message>
        <source>Isolation</source>
        <translation>Isolationsüberwachung</translation>
    </message>
    <message>
        <source>Temperature sensors (°C)</source>
        <translation>Temperatursensoren (°C)</translation>
    </message>
    <message>
        <source>BMS trouble codes</source>
        <translation>BMS-Fehlercodes (DTC)</translation>
    </message>
    <message>
        <source>none reported</source>
        <translation>keine gemeldet</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>— °C</source>
        <translation>— °C</translation>
    </message>
    <message>
        <source>%1 / %2 °C</source>
        <translation>%1 / %2 °C</translation>
    </message>
    <message>
        <source>FAULT</source>
        <translation>FEHLER</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>i. O.</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>sensor %1</source>
        <translation>Sensor %1</translation>
    </message>
</context>
<context>
    <name>pg::app::MainWindow</name>
    <message>
        <source>PackGrade bench</source>
        <translation>PackGrade-Prüfplatz</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>The grade of the last test appears here when its plan completes.</source>
        <translation>Die Bewertung der letzten Prüfung erscheint hier, sobald ihr Prüfplan abgeschlossen ist.</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Opening the inventory…</source>
        <translation>Bestand wird geöffnet…</translation>
    </message>
    <message>
        <source>Bench</source>
        <translation>Prüfplatz</translation>
    </message>
    <message>
        <source>Live pack</source>
        <translation>Pack live</translation>
    </message>
    <message>
        <source>Test run</source>
        <translation>Prüflauf</translation>
    </message>
    <message>
        <source>Frame monitor</source>
        <translation>Frame-Monitor</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation>Strg+%1</translation>
    </message>
    <message>
        <source>Ctrl+1 … Ctrl+7
switch screens</source>
        <translation>Strg+1 … Strg+7
wechseln die Ansicht</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Export inventory…</source>
        <translation>Bestand e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Close &amp;interrupted sessions…</source>
        <translation>&amp;Unterbrochene Sitzungen schließen…</translation>
    </message>
    <message>
        <source>No interrupted sessions.</source>
        <translation>Keine unterbrochenen Sitzungen.</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Bench</source>
        <translation>&amp;Prüfplatz</translation>
    </message>
    <message>
        <source>&amp;Connect / disconnect</source>
        <translation>&amp;Verbinden / Trennen</translation>
    </message>
    <message>
        <source>&amp;Abort test (load off)</source>
        <translation>Prüfung &amp;abbrechen (Last aus)</translation>
    </message>
    <message>
        <source>Capture a &amp;profile from the bus…</source>
        <translation>&amp;Profil vom Bus aufnehmen…</translation>
    </message>
    <message>
        <source>Test running: step %1, %2</source>
        <translation>Prüfung läuft: Schritt %1, %2</translation>
    </message>
    <message>
        <source>Last test: %1</source>
        <translation>Letzte Prüfung: %1</translation>
    </message>
    <message>
        <source>Cannot connect</source>
        <translation>Verbindung nicht möglich</translation>
    </message>
    <message>
        <source>Cannot resume the session</source>
        <translation>Sitzung kann nicht fortgesetzt werden</translation>
    </message>
</context>
<context>
    <name>pg::app::PackDetailView</name>
    <message>
        <source>Choose a pack in the table.</source>
        <translation>Wählen Sie ein Pack in der Tabelle.</translation>
    </message>
    <message>
        <source>Graded (UTC)</source>
        <translation>Bewertet (UTC)</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>SoH capacity</source>
        <translation>SoH Kapazität</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Verwendung</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Richtlinie</translation>
    </message>
    <message>
        <source>Started (UTC)</source>
        <translation>Begonnen (UTC)</translation>
    </message>
    <message>
        <source>Bench</source>
        <translation>Prüfplatz</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>Wann (UTC)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>&lt;b&gt;Grades&lt;/b&gt;</source>
        <translation>&lt;b&gt;Bewertungen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Test sessions&lt;/b&gt;</source>
        <translation>&lt;b&gt;Prüfsitzungen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Audit trail of the latest grade&lt;/b&gt;</source>
        <translation>&lt;b&gt;Prüfpfad der letzten Bewertung&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>&amp;Certificate</source>
        <translation>&amp;Zertifikat</translation>
    </message>
    <message>
        <source>&amp;Re-grade with current policy</source>
        <translation>Mit aktueller Richtlinie &amp;neu bewerten</translation>
    </message>
    <message>
        <source>Preview c&amp;ertificate</source>
        <translation>Zertifikat&amp;vorschau</translation>
    </message>
    <message>
        <source>re-grade: no policy loaded</source>
        <translation>Neubewertung: keine Richtlinie geladen</translation>
    </message>
    <message>
        <source>Re-graded under %1 %2: %3</source>
        <translation>Neu bewertet nach %1 %2: %3</translation>
    </message>
    <message>
        <source>certificate: no policy or site key set up</source>
        <translation>Zertifikat: keine Richtlinie oder kein Standortschlüssel eingerichtet</translation>
    </message>
    <message>
        <source>certificate: %1 was never graded</source>
        <translation>Zertifikat: %1 wurde nie bewertet</translation>
    </message>
    <message>
        <source>Reading the pack&apos;s history…</source>
        <translation>Verlauf des Akkus wird gelesen…</translation>
    </message>
    <message>
        <source>Signing and drawing the certificate…</source>
        <translation>Zertifikat wird signiert und gezeichnet…</translation>
    </message>
    <message>
        <source>VIN %1</source>
        <translation>FIN %1</translation>
    </message>
    <message>
        <source>part %1</source>
        <translation>Teil %1</translation>
    </message>
    <message>
        <source>grade &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt;</source>
        <translation>Bewertung &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>pg::app::ProfileWizard</name>
    <message>
        <source>Capture a pack profile</source>
        <translation>Pack-Profil aufnehmen</translation>
    </message>
    <message>
        <source>Pick a message</source>
        <translation>Botschaft wählen</translation>
    </message>
    <message>
        <source>Every CAN id seen on the bus. Choose one that carries the quantity you want, e.g. the id whose bytes change when the load is switched on.</source>
        <translation>Jede auf dem Bus gesehene CAN-ID. Wählen Sie eine, die die gewünschte Größe trägt, z. B. die ID, deren Bytes sich beim Einschalten der Last ändern.</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Frames</translation>
    </message>
    <message>
        <source>Last data</source>
        <translation>Letzte Daten</translation>
    </message>
    <message>
        <source>Intel (little-endian, start = LSB)</source>
        <translation>Intel (Little Endian, Start = LSB)</translation>
    </message>
    <message>
        <source>Motorola (big-endian, start = MSB)</source>
        <translation>Motorola (Big Endian, Start = MSB)</translation>
    </message>
    <message>
        <source>Signed (two&apos;s complement)</source>
        <translation>Vorzeichenbehaftet (Zweierkomplement)</translation>
    </message>
    <message>
        <source>Start bit:</source>
        <translation>Startbit:</translation>
    </message>
    <message>
        <source>Length (bits):</source>
        <translation>Länge (Bit):</translation>
    </message>
    <message>
        <source>Byte order:</source>
        <translation>Bytereihenfolge:</translation>
    </message>
    <message>
        <source>Scale (value = raw × scale + offset):</source>
        <translation>Faktor (Wert = Rohwert × Faktor + Offset):</translation>
    </message>
    <message>
        <source>Offset:</source>
        <translation>Versatz (Offset):</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Einheit:</translation>
    </message>
    <message>
        <source>Signal name:</source>
        <translation>Signalname:</translation>
    </message>
    <message>
        <source>Snapshot field:</source>
        <translation>Snapshot-Feld:</translation>
    </message>
    <message>
        <source>Element (cells, sensors):</source>
        <translation>Element (Zellen, Sensoren):</translation>
    </message>
    <message>
        <source>Mark the bits and watch the value</source>
        <translation>Bits markieren und den Wert beobachten</translation>
    </message>
    <message>
        <source>Charge or discharge the pack a little: the live value must follow. Add each quantity to the profile, then go on.</source>
        <translation>Laden oder entladen Sie das Pack ein wenig: Der Live-Wert muss folgen. Fügen Sie jede Größe dem Profil hinzu und fahren Sie dann fort.</translation>
    </message>
    <message>
        <source>&amp;Add to profile</source>
        <translation>Zum Profil &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Save the profile</source>
        <translation>Profil speichern</translation>
    </message>
    <message>
        <source>A profile file and its DBC, side by side; share both with other benches.</source>
        <translation>Eine Profildatei und ihre DBC nebeneinander; geben Sie beide an andere Prüfplätze weiter.</translation>
    </message>
    <message>
        <source>Profile name:</source>
        <translation>Profilname:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>No message chosen yet.</source>
        <translation>Noch keine Botschaft gewählt.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>no value (frame too short or definition invalid)</source>
        <translation>kein Wert (Frame zu kurz oder Definition ungültig)</translation>
    </message>
    <message>
        <source>Choose a message first.</source>
        <translation>Wählen Sie zuerst eine Botschaft.</translation>
    </message>
    <message>
        <source>Added. Mappings in the profile: %1.</source>
        <translation>Hinzugefügt. Zuordnungen im Profil: %1.</translation>
    </message>
    <message>
        <source>captured at the bench with the profile wizard; check against the pack&apos;s documentation</source>
        <translation>am Prüfplatz mit dem Profil-Assistenten aufgenommen; mit der Dokumentation des Packs abgleichen</translation>
    </message>
    <message>
        <source>Saved %1 and its DBC.</source>
        <translation>%1 und seine DBC gespeichert.</translation>
    </message>
</context>
<context>
    <name>pg::app::ResultView</name>
    <message>
        <source>&lt;b&gt;Modules&lt;/b&gt;</source>
        <translation>&lt;b&gt;Module&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Remaining-life projection&lt;/b&gt;</source>
        <translation>&lt;b&gt;Prognose der Restlebensdauer&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No capacity history for this pack yet: the projection needs capacities measured over its cycles.</source>
        <translation>Noch kein Kapazitätsverlauf für dieses Pack: Die Prognose braucht über die Zyklen gemessene Kapazitäten.</translation>
    </message>
    <message>
        <source>State of health</source>
        <translation>Gesundheitszustand (SoH)</translation>
    </message>
    <message>
        <source>SoH capacity:</source>
        <translation>SoH Kapazität:</translation>
    </message>
    <message>
        <source>SoH resistance (R0 new / R0 now):</source>
        <translation>SoH Innenwiderstand (R0 neu / R0 jetzt):</translation>
    </message>
    <message>
        <source>Cell voltage spread at rest:</source>
        <translation>Zellspannungsstreuung in Ruhe:</translation>
    </message>
    <message>
        <source>Grader&apos;s review</source>
        <translation>Prüfung durch den Bewerter</translation>
    </message>
    <message>
        <source>&amp;Approve grade</source>
        <translation>Bewertung &amp;freigeben</translation>
    </message>
    <message>
        <source>Reason for the override (required)</source>
        <translation>Begründung der Abweichung (Pflichtfeld)</translation>
    </message>
    <message>
        <source>&amp;Override</source>
        <translation>&amp;Abweichend festlegen</translation>
    </message>
    <message>
        <source>&amp;Sign certificate</source>
        <translation>Zertifikat &amp;signieren</translation>
    </message>
    <message>
        <source>Approved.</source>
        <translation>Freigegeben.</translation>
    </message>
    <message>
        <source>Override stored.</source>
        <translation>Abweichende Bewertung gespeichert.</translation>
    </message>
    <message>
        <source>Signed: %1</source>
        <translation>Signiert: %1</translation>
    </message>
    <message>
        <source>Override to:</source>
        <translation>Abweichend auf:</translation>
    </message>
    <message>
        <source>No application met.</source>
        <translation>Keine Verwendung erfüllt.</translation>
    </message>
    <message>
        <source>Target application: %1</source>
        <translation>Zielverwendung: %1</translation>
    </message>
    <message>
        <source> · until retested: %1 · tests: %2</source>
        <translation> · bis zur Nachprüfung: %1 · Prüfungen: %2</translation>
    </message>
    <message>
        <source> · policy said %1, overridden by the grader</source>
        <translation> · Richtlinie ergab %1, vom Bewerter geändert</translation>
    </message>
    <message>
        <source>No module replacement would change the grade.</source>
        <translation>Kein Modultausch würde die Bewertung ändern.</translation>
    </message>
    <message>
        <source>Advice: %1</source>
        <translation>Empfehlung: %1</translation>
    </message>
    <message>
        <source>sign: approve or override the grade first, and set up the site key</source>
        <translation>Signieren: zuerst die Bewertung freigeben oder abweichend festlegen und den Standortschlüssel einrichten</translation>
    </message>
    <message>
        <source>VIN %1</source>
        <translation>FIN %1</translation>
    </message>
    <message>
        <source>part %1</source>
        <translation>Teil %1</translation>
    </message>
    <message>
        <source>%1, %2 Ah, %3 V</source>
        <translation>%1, %2 Ah, %3 V</translation>
    </message>
    <message>
        <source>sign: the inventory holds no grade %1</source>
        <translation>Signieren: das Inventar enthält keine Bewertung %1</translation>
    </message>
</context>
<context>
    <name>pg::app::RunPage</name>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>not completed</source>
        <translation>nicht abgeschlossen</translation>
    </message>
    <message>
        <source>aborted</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Safety limits in force (any breach switches the load off)</source>
        <translation>Geltende Sicherheitsgrenzen (jede Überschreitung schaltet die Last ab)</translation>
    </message>
    <message>
        <source>terminal</source>
        <translation>Klemmenspannung</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>current, + discharge</source>
        <translation>Strom, + Entladung</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation>Prüfplan:</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>ABORT — load off  [Esc]</source>
        <translation>ABBRUCH — Last aus  [Esc]</translation>
    </message>
    <message>
        <source>Plan %1: %2</source>
        <translation>Prüfplan %1: %2</translation>
    </message>
    <message>
        <source>Capacity alone: charge to full, C/3 discharge to the cut-off</source>
        <translation>Nur Kapazität: voll laden, mit C/3 bis zur Entladeschlussspannung entladen</translation>
    </message>
    <message>
        <source>HPPC alone: pulses at 9 SoC levels</source>
        <translation>Nur HPPC: Pulse bei 9 Ladezuständen</translation>
    </message>
    <message>
        <source>Pack: %1, %2 cells in series, %3 Ah
Cell voltage: procedures stop at %4–%5 V; safety stop outside %6–%7 V
Temperature: stop above %8 °C or below %9 °C (sensor fault)
Current: at most %10 A · BMS silent for %11 s: stop</source>
        <translation>Pack: %1, %2 Zellen in Reihe, %3 Ah
Zellspannung: Prüfabläufe enden bei %4–%5 V; Sicherheitsabschaltung außerhalb %6–%7 V
Temperatur: Abschaltung über %8 °C oder unter %9 °C (Sensorfehler)
Strom: höchstens %10 A · BMS %11 s stumm: Abschaltung</translation>
    </message>
    <message>
        <source>Cannot start the test</source>
        <translation>Prüfung kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>started plan %1: %2</source>
        <translation>Prüfplan %1 gestartet: %2</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Läuft…</translation>
    </message>
    <message>
        <source>ABORT requested: switching the load off</source>
        <translation>ABBRUCH angefordert: Last wird abgeschaltet</translation>
    </message>
    <message>
        <source>Aborting: switching the load off…</source>
        <translation>Abbruch: Last wird abgeschaltet…</translation>
    </message>
    <message>
        <source>about %1</source>
        <translation>etwa %1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>plan %1%2 — session %3</source>
        <translation>Prüfplan %1%2 — Sitzung %3</translation>
    </message>
    <message>
        <source>grading the session (as `packgrade-cli grade --session`)…</source>
        <translation>Sitzung wird bewertet (wie `packgrade-cli grade --session`)…</translation>
    </message>
    <message>
        <source>not graded: the plan did not complete; `packgrade-cli grade --session %1` grades what was measured</source>
        <translation>nicht bewertet: Der Prüfplan wurde nicht abgeschlossen; `packgrade-cli grade --session %1` bewertet das Gemessene</translation>
    </message>
    <message>
        <source>Completed. The session is graded on the Result screen.</source>
        <translation>Abgeschlossen. Die Sitzung wird in der Ansicht Ergebnis bewertet.</translation>
    </message>
    <message>
        <source>ABORTED — the load is off. See the log for why.</source>
        <translation>ABGEBROCHEN — die Last ist aus. Den Grund nennt das Protokoll.</translation>
    </message>
    <message>
        <source>rest</source>
        <translation>Ruhephase</translation>
    </message>
    <message>
        <source>discharge pulse</source>
        <translation>Entladepuls</translation>
    </message>
    <message>
        <source>rest after discharge pulse</source>
        <translation>Ruhephase nach dem Entladepuls</translation>
    </message>
    <message>
        <source>charge pulse</source>
        <translation>Ladepuls</translation>
    </message>
    <message>
        <source>rest after charge pulse</source>
        <translation>Ruhephase nach dem Ladepuls</translation>
    </message>
    <message>
        <source>C/3 discharge to the next level</source>
        <translation>C/3-Entladung bis zur nächsten Stufe</translation>
    </message>
    <message>
        <source>CC-CV charge to full</source>
        <translation>CC-CV-Vollladung</translation>
    </message>
    <message>
        <source>rest before discharge</source>
        <translation>Ruhephase vor der Entladung</translation>
    </message>
    <message>
        <source>CC discharge to the cut-off of the pack and the weakest cell</source>
        <translation>CC-Entladung bis zur Entladeschlussspannung von Pack und schwächster Zelle</translation>
    </message>
    <message>
        <source>rest after discharge</source>
        <translation>Ruhephase nach der Entladung</translation>
    </message>
    <message>
        <source>charge back to the storage SoC</source>
        <translation>Zurückladen auf den Lagerladezustand</translation>
    </message>
    <message>
        <source>rest after the charge</source>
        <translation>Ruhephase nach der Ladung</translation>
    </message>
    <message>
        <source>reading the pack at rest</source>
        <translation>Pack in Ruhe auslesen</translation>
    </message>
    <message>
        <source>level %1: %2</source>
        <translation>Stufe %1: %2</translation>
    </message>
    <message>
        <source>CC-CV charge to full (taper at %1 A)</source>
        <translation>CC-CV-Vollladung (Abschaltstrom %1 A)</translation>
    </message>
    <message>
        <source>rest until dV/dt &lt; %1 mV/min</source>
        <translation>Ruhephase bis dU/dt &lt; %1 mV/min</translation>
    </message>
    <message>
        <source>phase: %1</source>
        <translation>Phase: %1</translation>
    </message>
    <message>
        <source>step %1: %2</source>
        <translation>Schritt %1: %2</translation>
    </message>
    <message>
        <source>cannot resume: %1</source>
        <translation>Fortsetzen nicht möglich: %1</translation>
    </message>
    <message>
        <source>a test is running; abort it first</source>
        <translation>Eine Prüfung läuft; brechen Sie sie zuerst ab</translation>
    </message>
    <message>
        <source>%1 was recorded on the bench: connect the same pack first (Bench screen)</source>
        <translation>%1 wurde am Prüfplatz aufgezeichnet: Schließen Sie zuerst denselben Akku an (Bildschirm „Prüfplatz“)</translation>
    </message>
    <message>
        <source>resuming %1: %2; the interrupted attempt is kept in %3</source>
        <translation>%1 wird fortgesetzt: %2; der unterbrochene Versuch bleibt in %3 erhalten</translation>
    </message>
    <message>
        <source>resumed plan %1: %2 (the snapshot and pre-check first)</source>
        <translation>Prüfplan %1 fortgesetzt: %2 (zuerst Momentaufnahme und Vorprüfung)</translation>
    </message>
</context>
<context>
    <name>pg::app::RunWorker</name>
    <message>
        <source>lost SCPI connection: %1</source>
        <translation>SCPI-Verbindung verloren: %1</translation>
    </message>
</context>
<context>
    <name>pg::app::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Site and bench</source>
        <translation>Standort und Prüfplatz</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>Signaturschlüssel</translation>
    </message>
    <message>
        <source>Grading policy</source>
        <translation>Bewertungsrichtlinie</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>sqlite:/path/inventory.sqlite  or  postgresql://user@host:5432/packgrade</source>
        <translation>sqlite:/pfad/inventory.sqlite  oder  postgresql://benutzer@host:5432/packgrade</translation>
    </message>
    <message>
        <source>Inventory database:</source>
        <translation>Bestandsdatenbank:</translation>
    </message>
    <message>
        <source>Empty: an SQLite file in the user&apos;s data folder. Use PostgreSQL when several benches share one inventory.</source>
        <translation>Leer: eine SQLite-Datei im Datenordner des Benutzers. PostgreSQL verwenden, wenn mehrere Prüfplätze einen Bestand teilen.</translation>
    </message>
    <message>
        <source>Site name (on certificates):</source>
        <translation>Standortname (auf Zertifikaten):</translation>
    </message>
    <message>
        <source>Bench name (in session records):</source>
        <translation>Prüfplatzname (in Sitzungsprotokollen):</translation>
    </message>
    <message>
        <source>Dark colour theme</source>
        <translation>Dunkles Farbschema</translation>
    </message>
    <message>
        <source>System language (%1)</source>
        <translation>Systemsprache (%1)</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>A new language applies when PackGrade is started again (or: packgrade --lang de).</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von PackGrade (oder: packgrade --lang de).</translation>
    </message>
    <message>
        <source>Key folder:</source>
        <translation>Schlüsselordner:</translation>
    </message>
    <message>
        <source>(not loaded)</source>
        <translation>(nicht geladen)</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>Fingerabdruck:</translation>
    </message>
    <message>
        <source>Show key (create if none)</source>
        <translation>Schlüssel anzeigen (anlegen, falls keiner)</translation>
    </message>
    <message>
        <source>Export public key…</source>
        <translation>Öffentlichen Schlüssel exportieren…</translation>
    </message>
    <message>
        <source>Export public key</source>
        <translation>Öffentlichen Schlüssel exportieren</translation>
    </message>
    <message>
        <source>Certificates are signed with this Ed25519 key. Give the public key to whoever verifies them; the secret never leaves this folder.</source>
        <translation>Zertifikate werden mit diesem Ed25519-Schlüssel signiert. Geben Sie den öffentlichen Schlüssel an alle, die sie prüfen; der geheime Schlüssel verlässt diesen Ordner nie.</translation>
    </message>
    <message>
        <source>(built-in policy)</source>
        <translation>(eingebaute Richtlinie)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Policy (*.json)</source>
        <translation>Richtlinie (*.json)</translation>
    </message>
    <message>
        <source>Policy file:</source>
        <translation>Richtliniendatei:</translation>
    </message>
    <message>
        <source>%1 version %2
sha256 %3</source>
        <translation>%1 Version %2
sha256 %3</translation>
    </message>
    <message>
        <source>Cannot use it: %1</source>
        <translation>Nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>This bench is used by:</source>
        <translation>Diesen Prüfplatz bedient:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Benutzer hinzufügen</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>Ausgewählten entfernen</translation>
    </message>
    <message>
        <source>Only a supervisor can change users.</source>
        <translation>Nur die Aufsicht kann Benutzer ändern.</translation>
    </message>
    <message>
        <source>%1

Choose a folder only you can read, or fix its permissions (0700).</source>
        <translation>%1

Wählen Sie einen Ordner, den nur Sie lesen können, oder korrigieren Sie seine Rechte (0700).</translation>
    </message>
    <message>
        <source>  (new key)</source>
        <translation>  (neuer Schlüssel)</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1: Schreiben nicht möglich: %2</translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation>Einstellungen nicht gespeichert</translation>
    </message>
    <message>
        <source>

Correct it, or Cancel to keep the previous settings.</source>
        <translation>

Korrigieren Sie es oder wählen Sie Abbrechen, um die bisherigen Einstellungen zu behalten.</translation>
    </message>
</context>
<context>
    <name>pg::app::SettingsPage</name>
    <message>
        <source>Edit settings…  [Ctrl+,]</source>
        <translation>Einstellungen bearbeiten…  [Strg+,]</translation>
    </message>
    <message>
        <source>system language (%1)</source>
        <translation>Systemsprache (%1)</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Settings&lt;/h2&gt;&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Inventory database&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Site&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Bench&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Signing key folder&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Grading policy&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Colour theme&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Language&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%9&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;User&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%7 (%8)&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h2&gt;Einstellungen&lt;/h2&gt;&lt;table cellspacing=6&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Bestandsdatenbank&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Standort&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Prüfplatz&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Signaturschlüssel-Ordner&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Bewertungsrichtlinie&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Farbschema&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Sprache&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%9&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Benutzer&lt;/b&gt;&lt;/td&gt;&lt;td&gt;%7 (%8)&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>SQLite file in the user&apos;s data folder (default)</source>
        <translation>SQLite-Datei im Datenordner des Benutzers (Standard)</translation>
    </message>
    <message>
        <source>(not set: certificates need it)</source>
        <translation>(nicht gesetzt: Zertifikate brauchen ihn)</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <source>built-in default policy</source>
        <translation>eingebaute Standardrichtlinie</translation>
    </message>
    <message>
        <source>dark</source>
        <translation>dunkel</translation>
    </message>
    <message>
        <source>light</source>
        <translation>hell</translation>
    </message>
    <message>
        <source>(nobody signed in)</source>
        <translation>(niemand angemeldet)</translation>
    </message>
    <message>
        <source>%1 (shown now: %2)</source>
        <translation>%1 (jetzt angezeigt: %2)</translation>
    </message>
</context>
<context>
    <name>pg::app::TrendPlot</name>
    <message>
        <source>test time (h:min:s)</source>
        <translation>Prüfzeit (h:min:s)</translation>
    </message>
</context>
</TS>
