export function App() {
  return (
    <div className="shell">
      <header className="titlebar">
        <span className="wordmark">Mobius</span>
      </header>
      <main className="content">
        <section className="empty-state" aria-labelledby="welcome-title">
          <h1 id="welcome-title">Keep every asset on-brand</h1>
          <p>Drop a brand-guidelines PDF here to build its brand twin.</p>
        </section>
      </main>
    </div>
  );
}
